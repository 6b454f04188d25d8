import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFreshFile } from '../files/freshFile';
import { git } from './gitRunner';

/** The line that tells nhi-lens's own hook from anyone else's: it may replace only hooks that carry it. */
export const HOOK_MARKER = '# nhi-lens pre-commit hook';

/** What `installHook` did. */
export type HookOutcome =
  | { kind: 'installed' | 'updated' | 'unchanged'; file: string }
  | { kind: 'replaced'; file: string; backup: string }
  | { kind: 'foreign'; file: string }
  | { kind: 'error'; message: string };

/** A word for sh, single-quoted (a path may hold spaces or quotes). */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook script. It runs this very CLI with this Node (absolute paths, fastest: no npx, no
 * PATH search); when either moved (the package was updated or removed), an `nhi-lens` on PATH;
 * else it stops the commit and says how to reinstall or skip. `audit --staged` reads the staged
 * blobs, not the working tree.
 */
export function hookScript(node: string, cli: string): string {
  return `#!/bin/sh
${HOOK_MARKER} (installed by \`nhi-lens install-hook\`; delete this file to uninstall).
# Scans only the staged changes; \`git commit --no-verify\` skips it once.
node=${shellQuote(node)}
cli=${shellQuote(cli)}
if [ -x "$node" ] && [ -f "$cli" ]; then
  exec "$node" "$cli" audit --staged
fi
if command -v nhi-lens >/dev/null 2>&1; then
  exec nhi-lens audit --staged
fi
echo "nhi-lens pre-commit: nhi-lens not found (was $cli): staged changes not checked." >&2
echo "Reinstall the hook (npx nhi-lens install-hook --force) or commit with --no-verify." >&2
exit 2
`;
}

/**
 * Where git looks for hooks: `core.hooksPath` when set (husky, shared hook folders; a relative
 * one is relative to the work tree's top), else `.git/hooks`, for worktrees too. Asked of git
 * itself: `rev-parse --git-path hooks` applies all of that and answers relative to `root`.
 */
export function hooksDirectory(root: string): string | undefined {
  const hooks = git(root, ['rev-parse', '--git-path', 'hooks'])?.trim();
  return hooks ? path.resolve(root, hooks) : undefined;
}

/**
 * Installs the pre-commit hook of the repository `root` is in. Idempotent: an nhi-lens hook is
 * rewritten in place (`unchanged` when already the same). A hook that is not nhi-lens's is left
 * alone (`foreign`) unless `force`, which keeps it as `pre-commit.nhi-lens-backup`.
 */
export function installHook(root: string, script: string, force: boolean): HookOutcome {
  const dir = hooksDirectory(root);
  if (!dir) return { kind: 'error', message: `${root}: not a git repository (or git is not installed)` };
  const file = path.join(dir, 'pre-commit');
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing === script) return { kind: 'unchanged', file };
  const ours = existing?.includes(HOOK_MARKER);
  if (existing !== undefined && !ours && !force) return { kind: 'foreign', file };
  fs.mkdirSync(dir, { recursive: true });
  let backup: string | undefined;
  if (existing !== undefined && !ours) {
    backup = `${file}.nhi-lens-backup`;
    fs.copyFileSync(file, backup);
  }
  // Through a temporary file and a rename: a half-written hook would break every commit.
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openFreshFile(temp, 0o755);
  try {
    fs.writeFileSync(fd, script);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o755);
  fs.renameSync(temp, file);
  if (backup) return { kind: 'replaced', file, backup };
  return { kind: existing === undefined ? 'installed' : 'updated', file };
}
