import * as fs from 'node:fs';
import * as path from 'node:path';

/** Environment variables that point git at a repository other than by looking for `.git` above the folder. */
const LOCATION_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR'];

/**
 * Whether git could find a repository for `folder`; false only when it surely cannot: none of
 * git's location variables is set, and neither the folder nor any folder above it (its real path,
 * as git sees its working directory) holds a `.git` entry or is itself a git folder (a `HEAD`
 * file: a bare repository, whose `core.worktree` could name a work tree). Asking git costs a
 * process (5-60 ms of wall time on the 2-core test machine, more than the rest of a warm audit
 * of a tree outside any repository in the language server); these look-ups cost a few `lstat`s.
 * Anything unexpected (an unreadable folder) says "maybe": git is then asked as before.
 */
export function mayBeInGitRepository(folder: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (LOCATION_ENV.some((name) => env[name])) return true;
  let current: string;
  try {
    current = fs.realpathSync(folder);
  } catch {
    return true;
  }
  for (;;) {
    if (holds(current, '.git') !== false || holds(current, 'HEAD') !== false) return true;
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

/** Whether `dir` has an entry `name`: undefined when that cannot be told (only a missing entry says no). */
function holds(dir: string, name: string): boolean | undefined {
  try {
    return fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return undefined;
  }
}
