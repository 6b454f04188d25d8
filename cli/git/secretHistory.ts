import { execFileSync } from 'node:child_process';
import type { Engine, Finding } from '../../engine';

const MAX_COMMITS_PER_FILE = 500;
const MAX_BLOB_BYTES = 5 * 1024 * 1024;

function git(root: string, args: string[], maxBuffer = 64 * 1024 * 1024): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer, stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  } catch {
    return undefined;
  }
}

/** The work tree's top folder when `root` is inside a git repository and git is installed. */
export function gitTopLevel(root: string): string | undefined {
  return git(root, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/**
 * Marks each secret finding as only in the working tree, or already committed (with the first
 * commit that contains it, oldest first). Values never leave this process: past versions of the
 * file are read with `git show` and scanned, and findings are matched by fingerprint.
 * Returns false when git is not available here (the feature is then off).
 */
export function annotateGitState(root: string, findings: Finding[], engine: Engine): boolean {
  const top = gitTopLevel(root);
  if (!top) return false;
  const secretFindings = findings.filter((f) => f.category === 'secret');
  const byPath = new Map<string, Finding[]>();
  for (const f of secretFindings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, list] of byPath) {
    const pending = new Map(list.map((f) => [f.fingerprint, f]));
    const log = git(root, ['log', `--max-count=${MAX_COMMITS_PER_FILE}`, '--format=%H %cI', '--reverse', '--', path]) ?? '';
    // Rename history is not followed: a secret committed under another name counts from its rename.
    for (const line of log.split('\n').filter(Boolean)) {
      if (!pending.size) break;
      const [commit, date] = line.split(' ');
      const text = git(root, ['show', `${commit}:./${path}`], MAX_BLOB_BYTES);
      if (text === undefined) continue;
      for (const old of engine.scan({ path, text }).findings) {
        const f = pending.get(old.fingerprint);
        if (f) { f.git = { state: 'committed', commit, date }; pending.delete(old.fingerprint); }
      }
    }
    for (const f of pending.values()) f.git = { state: 'uncommitted' };
  }
  return true;
}

/** The sentence a report or diagnostic adds for a finding's git state. */
export function gitAdvice(state: Finding['git']): string | undefined {
  if (!state) return undefined;
  if (state.state === 'uncommitted') return 'not committed yet: remove it before committing';
  return `already in git history (commit ${state.commit.slice(0, 12)}, ${state.date.slice(0, 10)}): rotate it, deleting is not enough`;
}
