import type { Engine, Finding, SecretCommit } from '../../engine';
import { blobSizes, readBlobs } from './blobReader';
import { gitAsync, gitStream, unquoteGitPath } from './gitRunner';
import { gitTopLevelAsync, ignoredByGit, repoPrefixOfAsync } from './secretHistory';

/** One file's secrets in history: fingerprint → the commit it entered in, and its exposure since. */
export type FileSecretHistory = Map<string, SecretCommit>;

/**
 * Past this many files, or this many characters of their paths, `git log` walks the whole tree's
 * history instead of a pathspec per file: argv stays short (Windows takes 32,767 characters).
 */
const MAX_PATHSPECS = 1000;
const MAX_PATHSPEC_CHARS = 24_000;
/** Versions of one file scanned at most (see boundedVersions). */
const MAX_VERSIONS_PER_FILE = 400;
/** `git rev-list --count` runs at once, one per distinct commit. */
const COUNT_CONCURRENCY = 4;

/** One version of one of the files, and the first commit (oldest first) that wrote it. */
interface FileVersion {
  path: string;
  sha: string;
  commit: string;
}

/**
 * When each secret of `paths` entered HEAD's history, by whom, whether that commit is pushed and
 * how many commits were made on top of it: one `git log` pass over the files' history, each
 * past version read once through `git cat-file --batch` and scanned here.
 *
 * How a secret is matched to its past: by fingerprint, never by value. The other way would be
 * `git log -S<secret>` (the pickaxe), which puts the secret in git's argv, readable by every
 * user of the machine in `ps` and /proc; the pickaxe cannot read its needle from stdin. Here
 * git is only given paths and commit ids, and the values never leave this process.
 *
 * `paths` are relative to `root`. Resolves a map from path to its history (empty for a file with
 * no secret in its past, all empty when HEAD has no commit yet), or undefined when git failed.
 */
export async function secretsInHistory(
  root: string,
  paths: readonly string[],
  engine: Engine,
  wanted?: ReadonlySet<string>,
): Promise<Map<string, FileSecretHistory> | undefined> {
  const result = new Map<string, FileSecretHistory>(paths.map((p) => [p, new Map()]));
  if (!paths.length) return result;
  const log = await fileVersions(root, paths);
  if (!log) return (await gitAsync(root, ['rev-parse', '--verify', '-q', 'HEAD'])) === undefined ? result : undefined;

  const versions = boundedVersions(log.versions);
  const sizes = await blobSizes(root, [...new Set(versions.map((v) => v.sha))]);
  const pathsOfBlob = new Map<string, Set<string>>();
  for (const v of versions) {
    if ((sizes.get(v.sha) ?? Infinity) > engine.maxFileBytes) continue;
    const set = pathsOfBlob.get(v.sha) ?? new Set();
    set.add(v.path);
    pathsOfBlob.set(v.sha, set);
  }
  // The secrets each version holds; a blob is scanned once per file name it had (the name decides the file kind).
  const secretsOf = new Map<string, string[]>();
  await readBlobs(root, [...pathsOfBlob.keys()], (sha, content) => {
    if (engine.skipReason(content.length, content)) return;
    const text = content.toString('utf8');
    for (const path of pathsOfBlob.get(sha) ?? []) {
      const fingerprints = engine
        .scan({ path, text })
        .findings.filter((f) => f.category === 'secret' && (!wanted || wanted.has(f.fingerprint)))
        .map((f) => f.fingerprint);
      if (fingerprints.length) secretsOf.set(`${path}\0${sha}`, fingerprints);
    }
  });

  const first = new Map<string, Map<string, string>>();
  for (const v of versions) {
    const history = first.get(v.path) ?? new Map<string, string>();
    first.set(v.path, history);
    for (const fp of secretsOf.get(`${v.path}\0${v.sha}`) ?? []) if (!history.has(fp)) history.set(fp, v.commit);
  }
  const commits = new Map([...first.values()].flatMap((h) => [...h.values()]).map((c) => [c, log.commits.get(c)!.date]));
  const exposure = await commitExposure(root, commits, { since: true });
  for (const [path, history] of first) {
    const out = result.get(path)!;
    for (const [fp, commit] of history) {
      const info = log.commits.get(commit)!;
      out.set(fp, { commit, date: info.date, author: info.author, ...exposure.get(commit) });
    }
  }
  return result;
}

/**
 * Marks each secret finding as only in the working tree, or already committed (with the commit
 * it entered the history in, its author, whether it is pushed, and how many commits followed):
 * one history pass for all the files. Returns false when git is not available here.
 */
export async function annotateGitState(root: string, findings: Finding[], engine: Engine): Promise<boolean> {
  if (!(await gitTopLevelAsync(root))) return false;
  const secrets = findings.filter((f) => f.category === 'secret');
  const history = await secretsInHistory(
    root,
    [...new Set(secrets.map((f) => f.path))],
    engine,
    new Set(secrets.map((f) => f.fingerprint)),
  );
  // git failed mid-way: the secrets stay unmarked rather than wrongly "not committed".
  if (!history) return true;
  // A local file git ignores (a `.env`) holds its secrets where they belong: the advice says so.
  const uncommittedPaths = new Set(secrets.filter((f) => !history.get(f.path)?.has(f.fingerprint)).map((f) => f.path));
  const ignored = await ignoredByGit(root, [...uncommittedPaths]);
  for (const f of secrets) {
    const first = history.get(f.path)?.get(f.fingerprint);
    f.git = first ? { state: 'committed', ...first } : { state: 'uncommitted', ...(ignored.has(f.path) ? { ignored: true } : {}) };
  }
  return true;
}

/**
 * At most MAX_VERSIONS_PER_FILE versions of each file: its oldest half and its newest half.
 * A file rewritten in thousands of commits (a lock file, a generated config) would otherwise
 * cost thousands of scans on every refresh in the editor. A secret still in the file is in its
 * newest versions, so it is always found committed; one that entered in the skipped middle is
 * dated from the first kept version that has it (later than it really entered).
 */
function boundedVersions(versions: FileVersion[]): FileVersion[] {
  const byPath = new Map<string, FileVersion[]>();
  for (const v of versions) {
    const list = byPath.get(v.path);
    if (list) list.push(v);
    else byPath.set(v.path, [v]);
  }
  if ([...byPath.values()].every((list) => list.length <= MAX_VERSIONS_PER_FILE)) return versions;
  const kept = new Set<FileVersion>();
  for (const list of byPath.values()) {
    const half = MAX_VERSIONS_PER_FILE / 2;
    for (const v of list.length <= MAX_VERSIONS_PER_FILE ? list : [...list.slice(0, half), ...list.slice(-half)]) kept.add(v);
  }
  return versions.filter((v) => kept.has(v));
}

/** Every version of the files in HEAD's history, oldest commit first, each (file, blob) once, with each commit's date and author. */
async function fileVersions(
  root: string,
  paths: readonly string[],
): Promise<{ versions: FileVersion[]; commits: Map<string, { date: string; author: string }> } | undefined> {
  const prefix = await repoPrefixOfAsync(root);
  const wanted = new Set(paths);
  const versions: FileVersion[] = [];
  const seen = new Set<string>();
  const commits = new Map<string, { date: string; author: string }>();
  let commit = '';
  let rest = '';
  const onLine = (line: string) => {
    if (line.startsWith('\u0001')) {
      const [id, date, ...author] = line.slice(1).split(' ');
      commit = id;
      commits.set(id, { date, author: author.join(' ') });
      return;
    }
    // :100644 100644 <old> <new> M\tpath
    const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) \w+\t(.+)$/.exec(line);
    if (!m || m[1] === '160000' || /^0+$/.test(m[2])) return;
    const full = unquoteGitPath(m[3]);
    if (!full.startsWith(prefix)) return;
    const path = full.slice(prefix.length);
    if (!wanted.has(path) || seen.has(`${path}\0${m[2]}`)) return;
    seen.add(`${path}\0${m[2]}`);
    versions.push({ path, sha: m[2], commit });
  };
  // Paths, not values, go to git: `:(literal)` so a `*` or `[` in a file name is not a glob.
  const literal = paths.map((p) => `:(literal)${p}`);
  const pathspecs = literal.length <= MAX_PATHSPECS && literal.join(' ').length <= MAX_PATHSPEC_CHARS ? literal : ['.'];
  const code = await gitStream(
    root,
    [
      '-c',
      'core.quotePath=false',
      'log',
      '--reverse',
      '-m',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--format=%x01%H %cI %an',
      'HEAD',
      '--',
      ...pathspecs,
    ],
    (chunk) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
  );
  if (rest) onLine(rest);
  return code === 0 ? { versions, commits } : undefined;
}

/**
 * Whether each commit is pushed (reachable from a remote-tracking branch) and, with `since`,
 * how many commits HEAD has on top of it. Facts git could not tell are left out.
 */
export async function commitExposure(
  root: string,
  commits: ReadonlyMap<string, string>,
  options: { since: boolean },
): Promise<Map<string, Pick<SecretCommit, 'pushed' | 'commitsSince'>>> {
  const out = new Map<string, Pick<SecretCommit, 'pushed' | 'commitsSince'>>([...commits.keys()].map((c) => [c, {}]));
  if (!commits.size) return out;
  const pushed = await pushedCommits(root, commits);
  if (pushed) for (const c of commits.keys()) out.get(c)!.pushed = pushed.has(c);
  if (options.since) {
    const queue = [...commits.keys()];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const count = await gitAsync(root, ['rev-list', '--count', '--ancestry-path', `${c}..HEAD`]);
        if (count !== undefined && /^\d+\s*$/.test(count)) out.get(c)!.commitsSince = Number(count);
      }
    };
    await Promise.all(Array.from({ length: Math.min(COUNT_CONCURRENCY, queue.length) }, worker));
  }
  return out;
}

/**
 * The commits among `commits` (id → committer date) that a remote-tracking branch contains: one
 * `git rev-list --remotes` walk (rather than a `git branch -r --contains` per commit), stopped as
 * soon as all are found, and never past the oldest of them (`--since`, a day early for clock
 * skew): a commit that was never pushed does not cost a walk of the whole remote history.
 * Undefined when git failed; empty when there is no remote-tracking branch.
 */
async function pushedCommits(root: string, commits: ReadonlyMap<string, string>): Promise<Set<string> | undefined> {
  const refs = await gitAsync(root, ['for-each-ref', '--count=1', '--format=%(refname)', 'refs/remotes']);
  if (refs === undefined) return undefined;
  const found = new Set<string>();
  if (!refs.trim()) return found;
  const stop = new AbortController();
  let rest = '';
  const oldest = Math.min(...[...commits.values()].map((d) => Date.parse(d) || 0));
  const since = oldest > 86_400_000 ? [`--since=${new Date(oldest - 86_400_000).toISOString()}`] : [];
  const code = await gitStream(
    root,
    ['rev-list', ...since, '--remotes'],
    (chunk) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (commits.has(line)) found.add(line);
      if (found.size === commits.size) stop.abort();
    },
    undefined,
    stop.signal,
  );
  if (commits.has(rest)) found.add(rest);
  return code === 0 || stop.signal.aborted ? found : undefined;
}
