import type { Engine, Finding } from '../../engine';
import { blobSizes, readBlobs } from './blobReader';
import { gitAsync } from './gitRunner';

/** One file a change touched, by its path relative to the audited folder. */
export interface ChangedFile {
  path: string;
  /** Its blob before the change; absent when the change added the file. */
  before?: string;
  /** Its blob after the change (staged changes only); absent when the change deleted it or it is read from disk. */
  after?: string;
  /** git's status letter: A added, M modified, D deleted, T type changed. */
  status: string;
}

const ZERO = /^0+$/;

/**
 * Parses `git diff --raw -z --no-abbrev --no-renames`: `:old-mode new-mode old-sha new-sha S\0path\0`
 * records. Submodules (mode 160000) are not files to scan.
 */
function parseRawDiff(out: string): ChangedFile[] {
  const fields = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const m = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) (\w)/.exec(fields[i]);
    if (!m || m[1] === '160000' || m[2] === '160000') continue;
    files.push({
      path: fields[i + 1],
      status: m[5],
      ...(ZERO.test(m[3]) ? {} : { before: m[3] }),
      ...(ZERO.test(m[4]) ? {} : { after: m[4] }),
    });
  }
  return files;
}

const RAW_DIFF = ['-c', 'core.quotePath=false', 'diff', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', '--relative'];

/**
 * The files the index changes against HEAD (what `git commit` would record), under `root`,
 * with the staged blob of each. On an unborn branch every staged file is added. Undefined when
 * git failed.
 */
export async function stagedChanges(root: string): Promise<ChangedFile[] | undefined> {
  const out = await gitAsync(root, [...RAW_DIFF, '--cached']);
  return out === undefined ? undefined : parseRawDiff(out);
}

/**
 * The files under `root` that differ between the merge base of `base` and HEAD, and the working
 * tree (what a pull request adds to its target branch, plus uncommitted edits of tracked files).
 * A string says why not (unknown ref, shallow clone without the base).
 */
export async function changesSince(root: string, base: string): Promise<{ mergeBase: string; files: ChangedFile[] } | string> {
  // A ref is never an option: `--diff --output=x` must not reach git as one.
  if (!base || base.startsWith('-')) return `--diff: "${base}" is not a git ref`;
  const verified = (await gitAsync(root, ['rev-parse', '--verify', '-q', '--end-of-options', `${base}^{commit}`]))?.trim();
  if (!verified)
    return `--diff: no commit "${base}" in this repository (in CI, fetch it: actions/checkout with fetch-depth: 0, or git fetch origin ${base})`;
  const mergeBase = (await gitAsync(root, ['merge-base', verified, 'HEAD']))?.trim();
  if (!mergeBase) return `--diff: "${base}" and HEAD have no common commit (a shallow clone? fetch more history: fetch-depth: 0)`;
  const out = await gitAsync(root, [...RAW_DIFF, mergeBase, '--']);
  if (out === undefined) return `--diff: git could not compare ${mergeBase.slice(0, 12)} with the working tree`;
  return { mergeBase, files: parseRawDiff(out) };
}

/**
 * Scans blobs read from git (past or staged versions) with the audit's engine: `onFindings` gets
 * each file's findings. Blobs too large or binary are passed over, as the audit passes over
 * such files. Each blob is read once through one `git cat-file --batch`.
 */
export async function scanBlobs(
  root: string,
  engine: Engine,
  blobs: Array<{ path: string; sha: string }>,
  onFindings: (path: string, findings: Finding[]) => void,
): Promise<number> {
  const sizes = await blobSizes(root, [...new Set(blobs.map((b) => b.sha))]);
  const pathsOf = new Map<string, string[]>();
  for (const b of blobs) {
    if ((sizes.get(b.sha) ?? Infinity) > engine.maxFileBytes) continue;
    pathsOf.set(b.sha, [...(pathsOf.get(b.sha) ?? []), b.path]);
  }
  let bytes = 0;
  await readBlobs(root, [...pathsOf.keys()], (sha, content) => {
    if (engine.skipReason(content.length, content)) return;
    bytes += content.length;
    const decoded = content.toString('utf8');
    // Decoded as the audit decodes files, so offsets agree (a BOM is not part of the text).
    const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
    for (const path of pathsOf.get(sha) ?? []) onFindings(path, engine.scan({ path, text }).findings);
  });
  return bytes;
}

/** Every finding's fingerprint in these blobs: what was already there before a change. */
export async function fingerprintsInBlobs(root: string, engine: Engine, blobs: Array<{ path: string; sha: string }>): Promise<Set<string>> {
  const fingerprints = new Set<string>();
  await scanBlobs(root, engine, blobs, (_path, findings) => {
    for (const f of findings) fingerprints.add(f.fingerprint);
  });
  return fingerprints;
}
