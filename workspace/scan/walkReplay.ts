import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkipNote } from '../../engine';
import { lookStamp, type LookedAt, type WalkedFile } from '../files/fileWalker';

/**
 * The walk of an unchanged tree, replayed from the audit cache's lines (`AuditCache.replay`).
 *
 * A walk's sequence of files is a function of its options (the same: they are in the cache's key
 * or checked with the record), of the listings of the folders it opens, and of the .gitignore
 * files it reads (`WalkTrace`). When every folder the last walk opened still has the stamp it had
 * then, each .gitignore it read or looked for too, and each `.git` above the tree is still there
 * or not, a walk now would yield the same files in the same order: the ones of the cache's file
 * lines. Replayed, no folder
 * listing is parsed, no name is matched against ignore rules and no path is looked up by name;
 * each file is still `lstat`ed for its own stamp (an edit in place does not touch its folder),
 * which the cache's lookup compares as it does for a walked file.
 */

/** Where the files come from in an audit: a walk of the tree (`FileWalk`), or its replay. */
export interface FileSource {
  /** The next file; undefined once they are all out; null: none this time, ask again (a replay's step was spent on files it answered for). */
  nextFile(): WalkedFile | { absolute: string; relative: string; size?: undefined } | null | undefined;
}

/**
 * Whether every path the walk looked at is still as it was then: the same stamp, older than
 * `before` (a change within a clock tick of the look keeps its stamp); still not there (null);
 * still there or not (a boolean).
 */
export function stillAsLooked(looked: readonly LookedAt[], before: number): boolean {
  for (const [file, then] of looked) {
    if (typeof then === 'boolean') {
      if (fs.existsSync(file) !== then) return false;
      continue;
    }
    const now = lookStamp(file);
    if (then === null || now === null) {
      if (then !== now) return false;
      continue;
    }
    for (let i = 0; i < 5; i++) if (now[i] !== then[i]) return false;
    if (Math.max(now[0], now[1]) >= before) return false;
  }
  return true;
}

/** Whether a recorded value has the shape of `LookedAt[]` (a header is read from a file anyone could have written). */
export function isLookedList(value: unknown): value is LookedAt[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        path.isAbsolute(entry[0]) &&
        !entry[0].includes('\0') &&
        (entry[1] === null ||
          typeof entry[1] === 'boolean' ||
          (Array.isArray(entry[1]) && entry[1].length === 5 && entry[1].every((n) => typeof n === 'number'))),
    )
  );
}

/**
 * A path relative to the audited folder as a walk yields it: not empty, no empty, `.` or `..`
 * part, no NUL, no other separator. A crafted line naming anything else ends the replay's trust.
 */
export function walkablePath(relative: string): boolean {
  return (
    relative.length > 0 &&
    relative.length <= MAX_PATH_CHARS &&
    !relative.includes('\0') &&
    !BAD_PART.test(relative) &&
    (path.sep === '/' || !relative.includes(path.sep))
  );
}

/** The folder of a relative path ('' at the top). */
export function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

/** The last part of a relative path. */
export function nameOf(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

/** How far above the audited folder a walk looks for .gitignore files and `.git` (fileWalker.ts, `ancestorLayers`). */
const MAX_LOOK_UP = 30;

/**
 * Whether each path of `looked` is one a walk of `root` looks at: a .gitignore or `.git` (whether
 * it is there) in a folder above it, at most MAX_LOOK_UP up, or a .gitignore of one of its
 * `folders` (relative paths, '' for `root`). A crafted header names nothing else to look at.
 */
export function walkLooks(looked: readonly LookedAt[], root: string, folders: ReadonlyMap<string, unknown>): boolean {
  const above = new Set<string>();
  let current = path.dirname(root);
  for (let i = 0; i < MAX_LOOK_UP && current !== path.dirname(current); i++, current = path.dirname(current)) above.add(current);
  if (looked.length > 2 * MAX_LOOK_UP + folders.size) return false;
  return looked.every(([file, stamp]) => {
    const name = path.basename(file);
    const folder = path.dirname(file);
    if (typeof stamp === 'boolean') return name === '.git' && above.has(folder);
    if (name !== '.gitignore') return false;
    if (above.has(folder)) return true;
    const relative = path.relative(root, folder);
    return (
      folders.has(path.sep === '/' ? relative : relative.split(path.sep).join('/')) &&
      !relative.startsWith('..') &&
      !path.isAbsolute(relative)
    );
  });
}

const MAX_PATH_CHARS = 16 * 1024;
/** An empty, `.` or `..` part among parts joined by `/`. */
const BAD_PART = /(?:^|\/)\.{0,2}(?:\/|$)/;
const QUOTE = 0x22;
const BACKSLASH = '\\';

/**
 * A replayed walk (`AuditCache.replay`): the files of the cache's file lines in their order, each
 * `lstat`ed as it is taken. Those that are unchanged with nothing found (most of a warm audit)
 * are answered for by the cache in place and only counted (`unchanged`); the others are handed
 * out as a walk hands out its files, for the cache's `lookup`.
 */
export interface ReplayedWalk extends FileSource {
  /** The notes of the entries a walk passes over (links, FIFOs, ...), as a walk gives them now. */
  readonly notes: SkipNote[];
  /** Files answered for in place since last counted, their bytes, and the last one's path. */
  readonly unchanged: { files: number; bytes: number; last: string | undefined };
}

/** The path of a file line whose path field ends at `tab`, when it is one a walk yields; else undefined. */
export function walkedPathAt(text: string, at: number, tab: number): string | undefined {
  const relative = pathField(text, at, tab);
  return relative !== undefined && walkablePath(relative) ? relative : undefined;
}

/** The path of the line at `at` whose path field ends at `tab`: a JSON string, parsed only when it has escapes. */
function pathField(text: string, at: number, tab: number): string | undefined {
  if (text.charCodeAt(at) !== QUOTE || text.charCodeAt(tab - 1) !== QUOTE) return undefined;
  const inner = text.slice(at + 1, tab - 1);
  if (!inner.includes(BACKSLASH)) return inner.includes('"') ? undefined : inner;
  try {
    const value: unknown = JSON.parse(text.slice(at, tab));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
