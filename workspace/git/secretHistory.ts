import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { exposureNote, type Finding } from '../../engine';
import { fileIdiomOf } from '../../engine/fixes/fileIdiom';
import { git, gitAsync, gitStream } from './gitRunner';

/** The work tree's top folder when `root` is inside a git repository and git is installed. */
export function gitTopLevel(root: string): string | undefined {
  return git(root, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/** `gitTopLevel` without blocking the thread: an audit in the language server keeps it answering. */
export async function gitTopLevelAsync(root: string): Promise<string | undefined> {
  return (await gitAsync(root, ['rev-parse', '--show-toplevel']))?.trim() || undefined;
}

/**
 * Which of `paths` git ignores (and does not track), asked in one `git check-ignore --stdin`
 * process: an audit asks about every file with an uncommitted secret, which may be thousands.
 * git stops at a path inside a submodule or beyond a linked folder ("fatal: pathspec ... is in
 * submodule ..."), having answered only for the paths before it: the paths it names (the whole
 * submodule, the link's folder) are left out and the rest asked again; a refusal it does not name
 * that way, in halves. At most MAX_MORE_ASKS more processes: past them, a path is not ignored.
 */
export async function ignoredByGit(root: string, paths: string[]): Promise<Set<string>> {
  const ignored = new Set<string>();
  await askIgnored(root, paths, ignored, { asks: MAX_MORE_ASKS });
  return ignored;
}

/** More `git check-ignore` processes one question may take when git refuses part of it. */
const MAX_MORE_ASKS = 32;
/** git's exit code when it stops on an argument or input it refuses. */
const GIT_FATAL = 128;
const IN_SUBMODULE = /pathspec '(.+)' is in submodule '(.+)'/i;
const BEYOND_LINK = /pathspec '(.+)' is beyond a symbolic link/i;

async function askIgnored(root: string, paths: string[], into: Set<string>, budget: { asks: number }): Promise<void> {
  let rest = paths;
  while (rest.length) {
    let out = '';
    let error = '';
    const code = await gitStream(
      root,
      ['check-ignore', '-z', '--stdin'],
      (chunk) => (out += chunk.toString('utf8')),
      rest.join('\0') + '\0',
      undefined,
      undefined,
      (chunk) => (error += chunk.toString('utf8')),
    );
    // 0: some ignored, 1: none, 128 having answered for the paths before the one it stopped at;
    // anything else (git missing, not a repository): none known.
    if (code === 0 || code === GIT_FATAL) for (const path of out.split('\0')) if (path) into.add(path);
    if (code !== GIT_FATAL || rest.length < 2 || budget.asks < 1) return;
    const refused = refusedPaths(error, rest);
    if (!refused) {
      if (budget.asks < 2) return;
      budget.asks -= 2;
      const half = rest.length >> 1;
      await askIgnored(root, rest.slice(0, half), into, budget);
      await askIgnored(root, rest.slice(half), into, budget);
      return;
    }
    budget.asks--;
    rest = rest.filter((path) => !refused(path));
  }
}

/** The paths git's refusal names, among `paths`: all of a submodule, or the folder beyond a link; undefined when it names none of them. */
function refusedPaths(error: string, paths: string[]): ((path: string) => boolean) | undefined {
  const submodule = IN_SUBMODULE.exec(error);
  const beyond = submodule ? undefined : BEYOND_LINK.exec(error);
  const named = submodule?.[1] ?? beyond?.[1];
  if (named === undefined || !paths.includes(named)) return undefined;
  const under = `${submodule ? submodule[2] : path.posix.dirname(named)}/`;
  return (p) => p === named || p.startsWith(under);
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
export function gitAdvice(state: Finding['git'], now: number = Date.now()): string | undefined {
  if (!state) return undefined;
  if (state.state === 'uncommitted') return 'not committed yet: remove it before committing';
  const where = `commit ${state.commit.slice(0, 12)}, ${state.date.slice(0, 10)}: ${exposureNote(state, now)}`;
  if (state.state === 'removed') return `no longer in the files but still in git history (${where}): rotate it`;
  return `already in git history (${where}): rotate it, deleting is not enough`;
}

/** A secret already committed must be rotated: it is an error whatever its rule says. */
export function applyGitAdvice(findings: Finding[], now: number = Date.now()): void {
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
          ? `${gitAdvice(f.git, now)}; stop tracking the file (git rm --cached) and keep it out of git`
          : gitAdvice(f.git, now);
    if (!advice) continue;
    f.message = `${f.message} (${advice})`;
    if (f.git?.state === 'committed') f.severity = 'error';
  }
}

/** Audit paths are relative to `root`; GitHub's to the repository's top: the prefix between them. */
export function repoPrefixOf(root: string): string {
  const top = gitTopLevel(root);
  return top ? prefixBetween(fs.realpathSync(top), fs.realpathSync(root)) : '';
}

/** Node's own `realpath` (as `realpathSync` is), not the system's, which fails on some Windows volumes. */
const realpath = promisify(fs.realpath);

/** `repoPrefixOf` without blocking the thread (the language server's history reads). */
export async function repoPrefixOfAsync(root: string): Promise<string> {
  const top = await gitTopLevelAsync(root);
  return top ? prefixBetween(await realpath(top), await realpath(root)) : '';
}

function prefixBetween(top: string, root: string): string {
  const rel = path.relative(top, root).replace(/\\/g, '/');
  return rel && !rel.startsWith('..') ? `${rel}/` : '';
}
