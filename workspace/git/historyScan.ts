import type { Engine, Finding, SecretCommit } from '../../engine';
import { blobSizes, readBlobs } from './blobReader';
import { gitStream, unquoteGitPath } from './gitRunner';
import { commitExposure } from './secretExposure';
import { repoPrefixOf } from './secretHistory';

/** One version of one file that some commit introduced. */
interface HistoricBlob {
  sha: string;
  path: string;
  commit: string;
  date: string;
  author: string;
}

const ZERO = /^0+$/;

/**
 * Every blob any reachable commit introduced, oldest commit first, each blob once: the first
 * commit that wrote it is the one a leaked secret dates from.
 */
async function historicBlobs(root: string): Promise<HistoricBlob[] | undefined> {
  const blobs = new Map<string, HistoricBlob>();
  // git prints paths from the repository's top; findings are relative to the audited folder.
  const prefix = repoPrefixOf(root);
  let commit = '';
  let date = '';
  let author = '';
  let rest = '';
  const onLine = (line: string) => {
    if (line.startsWith('\u0001')) {
      const [id, when, ...name] = line.slice(1).split(' ');
      [commit, date, author] = [id, when, name.join(' ')];
      return;
    }
    // :100644 100644 <old> <new> M\tpath
    const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) \w+\t(.+)$/.exec(line);
    if (!m || m[1] === '160000' || ZERO.test(m[2]) || blobs.has(m[2])) return;
    const path = unquoteGitPath(m[3]);
    if (!path.startsWith(prefix)) return;
    blobs.set(m[2], { sha: m[2], path: path.slice(prefix.length), commit, date, author });
  };
  const code = await gitStream(
    root,
    [
      '-c',
      'core.quotePath=false',
      'log',
      '--all',
      '--reverse',
      '-m',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--root',
      '--format=%x01%H %cI %an',
      '--',
      '.',
    ],
    (chunk) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
  );
  if (rest) onLine(rest);
  return code === 0 ? [...blobs.values()] : undefined;
}

export interface HistoryScan {
  findings: Finding[];
  blobsScanned: number;
  blobsSkipped: number;
}

/**
 * Scans every version of every file in the reachable history (each blob once) and returns the
 * secrets that are in history but not among `present` (the fingerprints of the secrets in the
 * files now, listed or not): removed from the files, still leaked.
 * Resolves undefined when git or the repository is not available.
 */
export async function scanHistory(
  root: string,
  engine: Engine,
  present: ReadonlySet<string>,
  maxBlobBytes: number,
): Promise<HistoryScan | undefined> {
  const blobs = await historicBlobs(root);
  if (!blobs) return undefined;
  const sizes = await blobSizes(
    root,
    blobs.map((b) => b.sha),
  );
  const wanted = blobs.filter((b) => (sizes.get(b.sha) ?? Infinity) <= maxBlobBytes);
  const bySha = new Map(wanted.map((b) => [b.sha, b]));
  const found = new Map<string, Finding>();
  let scanned = 0;
  await readBlobs(
    root,
    wanted.map((b) => b.sha),
    (sha, content) => {
      const blob = bySha.get(sha);
      if (!blob || engine.skipReason(content.length, content)) return;
      scanned++;
      for (const f of engine.scan({ path: blob.path, text: content.toString('utf8') }).findings) {
        if (f.category !== 'secret' || present.has(f.fingerprint)) continue;
        if (found.has(f.fingerprint)) continue; // blobs come oldest first: keep the first leak
        f.git = { state: 'removed', commit: blob.commit, date: blob.date, author: blob.author };
        found.set(f.fingerprint, f);
      }
    },
  );
  // Pushed or not; "commits since" is left out: the commit may be on another branch than HEAD.
  const commits = new Map([...found.values()].map((f) => [(f.git as SecretCommit).commit, (f.git as SecretCommit).date]));
  const exposure = await commitExposure(root, commits, { since: false });
  for (const f of found.values()) Object.assign(f.git!, exposure.get((f.git as SecretCommit).commit));
  return {
    findings: [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.offsets.start - b.offsets.start),
    blobsScanned: scanned,
    blobsSkipped: blobs.length - wanted.length,
  };
}
