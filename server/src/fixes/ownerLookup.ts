import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';

const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** The owners CODEOWNERS assigns to a workspace-relative path (last matching rule wins). */
export function codeOwnersOf(root: string, relativePath: string): string[] {
  const file = CODEOWNERS_LOCATIONS.map((p) => path.join(root, p)).find((p) => fs.existsSync(p));
  if (!file) return [];
  let owners: string[] = [];
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [pattern, ...who] = line.split(/\s+/);
    if (ignore().add(pattern).ignores(relativePath)) owners = who;
  }
  return owners;
}

/** The owner to write: the setting, else CODEOWNERS, else a placeholder the user must edit. */
export function ownerFor(root: string | undefined, relativePath: string, configured: string): string {
  if (configured.trim()) return configured.trim();
  const owners = root ? codeOwnersOf(root, relativePath) : [];
  return owners[0] ?? 'TODO-owner';
}
