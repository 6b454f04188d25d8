import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine, Finding } from '../../engine';
import { fileIdiomOf } from '../../engine/fixes/fileIdiom';
import { git, gitAsync } from './gitRunner';

const MAX_COMMITS_PER_FILE = 500;
const MAX_BLOB_BYTES = 5 * 1024 * 1024;

/** The work tree's top folder when `root` is inside a git repository and git is installed. */
export function gitTopLevel(root: string): string | undefined {
  return git(root, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/**
 * Secrets in past versions of one file: fingerprint → the first commit that contained it (oldest
 * first). Values never leave this process: past versions are read with `git show` and scanned
 * here, and matched by fingerprint. Stops early once every fingerprint in `wanted` is dated.
 */
export async function secretsInFileHistory(
  root: string,
  path: string,
  engine: Engine,
  wanted?: Set<string>,
): Promise<Map<string, { commit: string; date: string }>> {
  const found = new Map<string, { commit: string; date: string }>();
  const log = (await gitAsync(root, ['log', `--max-count=${MAX_COMMITS_PER_FILE}`, '--format=%H %cI', '--reverse', '--', path])) ?? '';
  // Rename history is not followed: a secret committed under another name counts from its rename.
  for (const line of log.split('\n').filter(Boolean)) {
    if (wanted && [...wanted].every((fp) => found.has(fp))) break;
    const [commit, date] = line.split(' ');
    const text = await gitAsync(root, ['show', `${commit}:./${path}`], { maxBuffer: MAX_BLOB_BYTES });
    if (text === undefined) continue;
    for (const old of engine.scan({ path, text }).findings) {
      if (old.category === 'secret' && !found.has(old.fingerprint)) found.set(old.fingerprint, { commit, date });
    }
  }
  return found;
}

/**
 * Marks each secret finding as only in the working tree, or already committed (with the first
 * commit that contains it). Returns false when git is not available here (the feature is off).
 */
export async function annotateGitState(root: string, findings: Finding[], engine: Engine): Promise<boolean> {
  if (!gitTopLevel(root)) return false;
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) if (f.category === 'secret') byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, list] of byPath) {
    const history = await secretsInFileHistory(root, path, engine, new Set(list.map((f) => f.fingerprint)));
    const ignored = list.some((f) => !history.has(f.fingerprint)) && (await isIgnoredByGit(root, path));
    for (const f of list) {
      const first = history.get(f.fingerprint);
      f.git = first ? { state: 'committed', ...first } : { state: 'uncommitted', ...(ignored ? { ignored } : {}) };
    }
  }
  return true;
}

/** Whether git ignores `path` (and does not track it): `git check-ignore` exits 0 only then. */
export async function isIgnoredByGit(root: string, path: string): Promise<boolean> {
  return (await gitAsync(root, ['check-ignore', '-q', '--', path])) !== undefined;
}

/**
 * A file that holds secrets by design and stays on the machine: `.env` files and key files.
 * Ignored by git and never committed, that is where a secret belongs.
 */
function isLocalSecretFile(f: Finding): boolean {
  const idiom = fileIdiomOf(f.path, f.fix.fileKind, '');
  return idiom === 'dotenv' || idiom === 'key-file';
}

/** The sentence a report or diagnostic adds for a finding's git state. */
export function gitAdvice(state: Finding['git']): string | undefined {
  if (!state) return undefined;
  if (state.state === 'uncommitted') return 'not committed yet: remove it before committing';
  if (state.state === 'removed')
    return `no longer in the files but still in git history (commit ${state.commit.slice(0, 12)}, ${state.date.slice(0, 10)}): rotate it`;
  return `already in git history (commit ${state.commit.slice(0, 12)}, ${state.date.slice(0, 10)}): rotate it, deleting is not enough`;
}

/** A secret already committed must be rotated: it is an error whatever its rule says. */
export function applyGitAdvice(findings: Finding[]): void {
  for (const f of findings) {
    if (f.git?.state === 'uncommitted' && f.git.ignored && isLocalSecretFile(f)) {
      // Where local secrets belong: at most information, and the message says why.
      f.message = `${f.message} (ignored by git and never committed: this local file is where it belongs; keep it out of git)`;
      f.severity = 'info';
      continue;
    }
    const local = isLocalSecretFile(f);
    // A local file's fix is to keep it out of git (and, once committed, to stop tracking it).
    const advice =
      local && f.git?.state === 'uncommitted'
        ? 'not committed yet: keep this file out of git (add it to .gitignore)'
        : local && f.git?.state === 'committed'
          ? `${gitAdvice(f.git)}; stop tracking the file (git rm --cached) and keep it out of git`
          : gitAdvice(f.git);
    if (!advice) continue;
    f.message = `${f.message} (${advice})`;
    if (f.git?.state === 'committed') f.severity = 'error';
  }
}

/** Audit paths are relative to `root`; GitHub's to the repository's top: the prefix between them. */
export function repoPrefixOf(root: string): string {
  const top = gitTopLevel(root);
  if (!top) return '';
  const rel = path.relative(fs.realpathSync(top), fs.realpathSync(root)).replace(/\\/g, '/');
  return rel && !rel.startsWith('..') ? `${rel}/` : '';
}
