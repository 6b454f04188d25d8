import { readCodeOwners } from './codeOwnersFile';
import { git } from './git/gitRunner';

/** The owners CODEOWNERS assigns to a workspace-relative path (last matching rule wins). */
export function codeOwnersOf(root: string, relativePath: string): string[] {
  return readCodeOwners(root)?.ownersOf(relativePath) ?? [];
}

/** The git author configured for the workspace (`git config user.email`), if any. */
export function gitAuthorOf(root: string): string | undefined {
  // No git, not a repository, or no author configured: undefined.
  return git(root, ['config', 'user.email'], { timeoutMs: 2000 })?.trim() || undefined;
}

/**
 * The owner to write: the setting, else CODEOWNERS, else the git author (trusted workspaces
 * only: running git is running an external command), else a placeholder the user must edit.
 */
export function ownerFor(root: string | undefined, relativePath: string, configured: string, trusted = true): string {
  if (configured.trim()) return configured.trim();
  const owners = root ? codeOwnersOf(root, relativePath) : [];
  if (owners[0]) return owners[0];
  return (root && trusted ? gitAuthorOf(root) : undefined) ?? 'TODO-owner';
}
