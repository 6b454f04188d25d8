import { execFileSync } from 'node:child_process';
import { readCodeOwners } from './codeOwnersFile';

/** The owners CODEOWNERS assigns to a workspace-relative path (last matching rule wins). */
export function codeOwnersOf(root: string, relativePath: string): string[] {
  return readCodeOwners(root)?.ownersOf(relativePath) ?? [];
}

/** The git author configured for the workspace (`git config user.email`), if any. */
export function gitAuthorOf(root: string): string | undefined {
  try {
    const email = execFileSync('git', ['config', 'user.email'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return email || undefined;
  } catch {
    return undefined; // no git, not a repository, or no author configured
  }
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
