import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkipNote } from '../../engine';
import { gitignoreGlobs, type PathGlobs } from '../../engine/rules/linearGlobs';
import { readSettingsFile } from './boundedFile';
import { notRegularReason, type EntryType } from './fileKinds';

/** Folders never worth scanning: version-control internals and installed dependencies. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  '__pycache__',
  '.terraform',
  '.tox',
  '.mypy_cache',
]);

export interface WalkOptions {
  /** Folder that finding paths are made relative to. */
  root: string;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Extra exclusion on root-relative POSIX paths (config `paths.ignore`). */
  isIgnored?: (relativePath: string) => boolean;
  /**
   * Told about every entry the walk does not read, with why: symbolic links, pipes, sockets,
   * devices and folders it cannot list. Without it they are passed over silently.
   */
  onSkip?: (note: SkipNote) => void;
  /**
   * Folder listings kept from an earlier walk (the audit cache): a folder whose stamp says it has
   * not changed since is not read again. Its files are still looked at one by one (an edit in
   * place does not touch the folder).
   */
  listings?: FolderListings;
  /**
   * Asked before each file the listing says is a regular file: whether to look it up (`lstat`)
   * for its size and times. Absent: always. When it says no (and the folder was read now, not
   * taken from kept listings: their files are checked one by one), the file is yielded as a
   * `ListedFile`, on the listing's word; the reader finds out what it is when it opens it (a
   * first `--cache` audit takes its stamp there, from an `fstat` before the read). An audit
   * without a cache needs nothing of a file before reading it (with workers, the calling thread
   * reads with a limit to leave large files to them), and the lookup was 2.8 µs per file, about
   * 4% of the CPU of such an audit of a 143,000-file tree.
   */
  statFiles?: () => boolean;
}

/**
 * A folder's entries in walk order (sorted by name), each with one letter for its kind: `f` a
 * regular file, `d` a folder, `l` a symbolic link, `p` a FIFO, `s` a socket, `c` and `b` devices,
 * `?` unknown (looked at with `lstat` when walked).
 */
export interface FolderListing {
  names: string[];
  kinds: string;
}

/**
 * What a folder's `lstat` says, taken before it is read: adding, removing or renaming an entry
 * sets its mtime and ctime, replacing the folder changes its inode, mounting over it its device.
 */
export interface FolderStamp {
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
}

/** Listings kept between walks: asked before a folder is read, told what each read found. */
export interface FolderListings {
  /** The folder's listing as recorded, when `stamp` says it cannot have changed since (else undefined: it is read). */
  keptListing(folder: string, stamp: FolderStamp): FolderListing | undefined;
  /** A folder read afresh, with its stamp from before the read. */
  keepListing(folder: string, stamp: FolderStamp, listing: FolderListing): void;
  /**
   * A listed file's stamp, when this audit already looked it up (`lstat`) on another thread and
   * it was a regular file then (the audit cache's stamp thread); undefined: the walk looks it up.
   */
  fileStamp?(relative: string): Pick<WalkedFile, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'> | undefined;
}

export interface WalkedFile {
  absolute: string;
  relative: string;
  size: number;
  /** Modification time when walked (the audit cache compares it). */
  mtimeMs: number;
  /**
   * Status change time and inode when walked: the audit cache compares them too, as git's index
   * does, since a rewrite can put the old size and mtime back (`touch -d`, `utimes`) but not the
   * ctime, which the kernel sets.
   */
  ctimeMs: number;
  ino: number;
}

/**
 * A file yielded without its lookup (`WalkOptions.statFiles`): its size and times are not known
 * until it is read. `lookUpListed` gets them.
 */
export interface ListedFile {
  absolute: string;
  relative: string;
  size?: undefined;
}

/** A listed file looked up now: with its size and times when it is still a regular file, else as it was. */
export function lookUpListed(file: ListedFile): WalkedFile | ListedFile {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file.absolute);
  } catch {
    return file; // gone meanwhile: the reader says so
  }
  if (!stat.isFile()) return file; // replaced since it was listed: the reader says by what
  return { absolute: file.absolute, relative: file.relative, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

interface Layer {
  base: string;
  rules: PathGlobs;
}

/** A .gitignore layer as seen from the folder being listed: the folder's path relative to the layer's base ('' at the base). */
interface LayerView {
  rules: PathGlobs;
  prefix: string;
}

/**
 * What a walk's sequence of files depended on besides its options and the listings of the folders
 * it opened. The audit cache keeps it, so that the walk of an unchanged tree can be replayed from
 * the cache's lines instead (`AuditCache.replay`): that holds only when every folder it opened
 * was stamped (a stamped folder's listing is kept with its stamp), it skipped nothing with a note
 * (a link's note depends on where it leads, outside any folder's stamp), and nothing it `looked`
 * at besides those listings changed since: each .gitignore it read or looked for, in the tree or
 * above it, and each `.git` above the tree it looked for.
 */
export interface WalkTrace {
  opened: number;
  stamped: number;
  /** Skip notes that only a walk can give again (a folder it could not read, a link it was named). */
  skips: number;
  /**
   * Entries of listed folders passed over with a note, in walk order: the entry's path and kind
   * letter (`FolderListing`: a link, FIFO, socket or device). Its note is worked out again for a
   * replay (`entryNote`): a link's depends on where it leads, which no folder's stamp covers.
   */
  notes: Array<[relative: string, kind: string]>;
  looked: LookedAt[];
}

/**
 * A path the walk looked at: a .gitignore, with what `stat` said of it just before the read (links
 * followed, as the read follows them): [mtimeMs, ctimeMs, inode, device, size], or null when there
 * was nothing there; or a `.git`, of which only whether it is there counts (true or false: git
 * writes inside it all the time, which says nothing of the walk).
 */
export type LookedAt = [path: string, stamp: LookStamp | null | boolean];
export type LookStamp = [mtimeMs: number, ctimeMs: number, ino: number, dev: number, size: number];

/** A path's stamp as `LookedAt` keeps it (null: not there, or not readable). */
export function lookStamp(file: string): LookStamp | null {
  try {
    const stat = fs.statSync(file);
    return [stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev, stat.size];
  } catch {
    return null;
  }
}

/** .gitignore files are read like settings: regular files only, size-capped (a FIFO would hang the walk). */
function readGitignore(dir: string, trace: WalkTrace): PathGlobs | undefined {
  const file = path.join(dir, '.gitignore');
  // Before the read: a change between the two leaves a stamp older than the file's.
  trace.looked.push([file, lookStamp(file)]);
  try {
    return gitignoreGlobs(readSettingsFile(file, '.gitignore', GITIGNORE_MAX_BYTES));
  } catch {
    return undefined;
  }
}

const GITIGNORE_MAX_BYTES = 1024 * 1024;

/** .gitignore files of the enclosing repository above `dir` (outermost first). */
function ancestorLayers(dir: string, trace: WalkTrace): Layer[] {
  const layers: Layer[] = [];
  let current = path.dirname(dir);
  for (let i = 0; i < 30 && current !== path.dirname(current); i++, current = path.dirname(current)) {
    const rules = readGitignore(current, trace);
    if (rules) layers.unshift({ base: current, rules });
    const git = path.join(current, '.git');
    const inRepository = fs.existsSync(git);
    trace.looked.push([git, inRepository]);
    if (inRepository) return layers;
  }
  return []; // not inside a repository: ignore files above the root do not apply
}

/** Whether a layer ignores the entry `name` of the folder these views were made for. */
function ignoredBy(views: LayerView[], name: string, isDir: boolean): boolean {
  for (const { rules, prefix } of views) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (!rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

export function toRelative(root: string, absolute: string): string {
  return posixRelative(root, absolute) || path.basename(absolute);
}

function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Where the walk stands: the options, the audited folder with its links resolved, and what was seen. */
interface Walk {
  options: WalkOptions;
  useGitignore: boolean;
  /** Real path of the audited folder: a link resolving outside it is said to point outside. */
  realRoot: string;
  /** Files yielded so far, when there are several targets (absent for one: nothing can come twice). */
  seen?: Set<string>;
  trace: WalkTrace;
}

/**
 * The regular files under the given paths, depth first. Symbolic links inside the tree are never
 * followed (a link to a file in the tree would scan it twice, one outside would scan what the
 * user did not ask for, a loop would never end) and nothing but regular files is ever opened;
 * each such entry is reported to `onSkip` with the reason. A path named explicitly is the user's
 * choice: it is followed if it is a link, and always yielded (unless the config ignores it).
 */
export function walkFiles(targets: string[], options: WalkOptions): FileWalk {
  return new FileWalk(targets, options);
}

function realPathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function skip(walk: Walk, absolute: string, reason: string): void {
  walk.trace.skips++;
  walk.options.onSkip?.({ path: toRelative(walk.options.root, absolute), reason });
}

/**
 * The skip notes a walk of `root` gives the entries `relative` of listed folders, of kind `kind`
 * each (a link, FIFO, socket or device: `WalkTrace.notes`), worked out now; undefined when an
 * entry is no longer of its kind.
 */
export function entryNotes(root: string, entries: ReadonlyArray<readonly [relative: string, kind: string]>): SkipNote[] | undefined {
  const realRoot = entries.length ? realPathOr(root) : root;
  const notes: SkipNote[] = [];
  for (const [relative, kind] of entries) {
    const absolute = path.join(root, relative);
    let now: string;
    try {
      now = kindOf(fs.lstatSync(absolute));
    } catch {
      return undefined;
    }
    if (now !== kind || !OTHER_KINDS.test(kind) || kind === '?') return undefined;
    notes.push({ path: relative, reason: kind === 'l' ? linkReason(realRoot, absolute) : notRegularReason(typeOfKind(kind)) });
  }
  return notes;
}

/** Why a symbolic link is not followed: where it leads, in words (never its target path). */
function linkReason(realRoot: string, link: string): string {
  let target: string;
  try {
    target = fs.realpathSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'symbolic link loop: not followed';
    if (code === 'ENOENT') return 'broken symbolic link: not followed';
    return `symbolic link not followed (${code ?? 'unresolvable'})`;
  }
  if (!isInside(realRoot, target)) return 'symbolic link pointing outside the audited folder: not followed';
  let what = 'a file';
  try {
    const stat = fs.statSync(target);
    what = stat.isDirectory() ? 'a folder' : stat.isFile() ? 'a file' : notRegularReason(stat).replace(/:.*$/, '');
  } catch {
    /* vanished meanwhile: call it a file */
  }
  return `symbolic link to ${what} inside the audited folder: not followed (scanned at its own path)`;
}

/** A folder being listed: its entries in walk order, the next one to look at, and what applies inside it. */
interface OpenFolder {
  /** What an entry's absolute path starts with: the folder's, with a separator (plain concatenation: the folder's path is already absolute and normal). */
  absolutePrefix: string;
  /** What an entry's root-relative POSIX path starts with ('' at the root). */
  relativePrefix: string;
  names: string[];
  kinds: string;
  next: number;
  /**
   * The kind `lstat` found for the entry before `next` when it differs from the listing's (the
   * entry was replaced after the folder was read): it is looked at again as what it is.
   */
  retyped?: string;
  layers: Layer[];
  /** Empty when no .gitignore applies (most folders): nothing to ask per entry. */
  views: LayerView[];
  /** The listing is a kept one (`FolderListings.keptListing`), not read now: its files are looked up one by one. */
  kept: boolean;
}

/**
 * Lists a folder: its entries sorted by name, and the .gitignore layers that apply in it. With
 * kept listings, the folder's own `lstat` comes first: when its stamp says it has not changed,
 * the kept listing stands in for the read. Undefined (with a skip note) when it cannot be listed;
 * a kind letter when `lstat` says it is no folder (replaced since its parent was listed): the
 * entry is then looked at as what it is. `top`: a folder the user named, which may be a link to
 * one (followed, never kept).
 */
function openFolder(
  walk: Walk,
  dir: string,
  folder: string,
  parentLayers: Layer[],
  parentViews?: LayerView[],
  top = false,
): OpenFolder | string | undefined {
  const { listings } = walk.options;
  walk.trace.opened++;
  let stamp: FolderStamp | undefined;
  let listing: FolderListing | undefined;
  if (listings) {
    try {
      // Before the read: an entry added between the two leaves the kept stamp older than the
      // folder's, so the next walk reads it again (the other order could keep a stale listing).
      const stat = fs.lstatSync(dir);
      if (stat.isDirectory()) stamp = { mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, dev: stat.dev };
      else if (!top) return kindOf(stat);
    } catch {
      /* gone meanwhile: the read below says so */
    }
    if (stamp) {
      walk.trace.stamped++;
      listing = listings.keptListing(folder, stamp);
    }
    // A kept file or folder is checked by its own lstat when walked; any other kind would be
    // taken on the listing's word (a link's skip note): looked at as an unknown one instead.
    if (listing && OTHER_KINDS.test(listing.kinds)) listing = { names: listing.names, kinds: listing.kinds.replace(/[^fd]/g, '?') };
  }
  const kept = listing !== undefined;
  if (!listing) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skip(walk, dir, `folder not readable (${(error as NodeJS.ErrnoException).code ?? 'error'}): not scanned`);
      return undefined;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Array<string>(entries.length);
    let kinds = '';
    for (let i = 0; i < entries.length; i++) {
      names[i] = entries[i].name;
      kinds += kindOf(entries[i]);
    }
    listing = { names, kinds };
    if (stamp) listings!.keepListing(folder, stamp, listing);
  }
  // Only a folder that has a .gitignore costs a read (most have none).
  const own = walk.useGitignore && listing.names.includes('.gitignore') ? readGitignore(dir, walk.trace) : undefined;
  const layers = own ? [...parentLayers, { base: dir, rules: own }] : parentLayers;
  // Paths relative to each ignore layer's base, worked out once per folder (path.relative for
  // every file was a fifth of a cached audit's time), from the parent folder's when there is one.
  const name = path.basename(dir);
  const views = layers.map(({ base, rules }, i) => {
    const inherited = parentViews?.[i];
    if (inherited && base !== dir) return { rules, prefix: inherited.prefix ? `${inherited.prefix}/${name}` : name };
    return { rules, prefix: posixRelative(base, dir) };
  });
  return {
    absolutePrefix: dir.endsWith(path.sep) ? dir : dir + path.sep,
    relativePrefix: folder ? `${folder}/` : '',
    names: listing.names,
    kinds: listing.kinds,
    next: 0,
    layers,
    views,
    kept,
  };
}

/**
 * A walk (`walkFiles`): iterable, or pulled one file at a time with `nextFile`, as the audit does.
 * Depth first, entries in name order, with a stack of open folders: a generator per level passed
 * each file through every level above it (`yield*`), which was a good part of the walk's cost on
 * a deep tree with a warm cache, and even one generator cost a step and a result object per file.
 */
export class FileWalk implements Iterable<WalkedFile | ListedFile> {
  private readonly walk: Walk;
  private readonly stack: OpenFolder[] = [];
  private nextTarget = 0;

  constructor(
    private readonly targets: string[],
    options: WalkOptions,
  ) {
    this.walk = {
      options,
      useGitignore: options.gitignore !== false,
      realRoot: realPathOr(options.root),
      ...(targets.length > 1 ? { seen: new Set<string>() } : {}),
      trace: { opened: 0, stamped: 0, skips: 0, notes: [], looked: [] },
    };
  }

  /** What the walk so far depended on (whole once `nextFile` has said it is over). */
  get trace(): WalkTrace {
    return this.walk.trace;
  }

  /** The next file, or undefined once the walk is over. Throws for a target that does not exist. */
  nextFile(): WalkedFile | ListedFile | undefined {
    for (;;) {
      const file = this.stack.length ? this.fromFolders() : undefined;
      if (file) return file;
      if (this.nextTarget === this.targets.length) return undefined;
      const named = this.fromTarget(this.targets[this.nextTarget++]);
      if (named) return named;
    }
  }

  *[Symbol.iterator](): Iterator<WalkedFile | ListedFile> {
    for (let file = this.nextFile(); file; file = this.nextFile()) yield file;
  }

  /** A path the user named: the file it is (undefined if ignored or seen), or its folder opened on the stack. */
  private fromTarget(target: string): WalkedFile | undefined {
    const { walk } = this;
    const { options } = walk;
    const absolute = path.resolve(target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isLink(absolute)) {
        skip(walk, absolute, 'broken symbolic link: not followed');
        return undefined;
      }
      if (code === 'ELOOP') {
        skip(walk, absolute, 'symbolic link loop: not followed');
        return undefined;
      }
      throw new Error(`${target}: no such file or directory`);
    }
    if (stat.isFile()) {
      const relative = toRelative(options.root, absolute);
      // Yield the link's target, so the reader (which never opens a link) reads what was named.
      const real = isLink(absolute) ? realPathOr(absolute) : absolute;
      if (walk.seen?.has(real) || options.isIgnored?.(relative)) return undefined;
      walk.seen?.add(real);
      return { absolute: real, relative, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
    }
    if (!stat.isDirectory()) {
      skip(walk, absolute, notRegularReason(stat));
      return undefined;
    }
    const layers = walk.useGitignore ? ancestorLayers(absolute, walk.trace) : [];
    const top = openFolder(walk, absolute, posixRelative(options.root, absolute), layers, undefined, true);
    if (typeof top === 'object') this.stack.push(top);
    return undefined;
  }

  /** The next file of the open folders, opening the folders met on the way; undefined once they are all done. */
  private fromFolders(): WalkedFile | ListedFile | undefined {
    const { walk, stack } = this;
    const { options } = walk;
    while (stack.length) {
      const open = stack[stack.length - 1];
      let kind = open.retyped;
      if (kind !== undefined) open.retyped = undefined;
      else if (open.next < open.names.length) kind = open.kinds[open.next++];
      else {
        stack.pop();
        continue;
      }
      const name = open.names[open.next - 1];
      const absolute = open.absolutePrefix + name;
      const relative = open.relativePrefix + name;
      if (kind === '?') {
        // Some file systems do not say what an entry is: ask, without following links.
        try {
          kind = kindOf(fs.lstatSync(absolute));
        } catch {
          continue; // gone meanwhile
        }
      }
      if (kind === 'd') {
        if (ALWAYS_SKIPPED.has(name) || (open.views.length && ignoredBy(open.views, name, true))) continue;
        if (options.isIgnored?.(`${relative}/`)) continue;
        const inner = openFolder(walk, absolute, relative, open.layers, open.views);
        if (typeof inner === 'string') open.retyped = inner;
        else if (inner) stack.push(inner);
        continue;
      }
      if (open.views.length && ignoredBy(open.views, name, false)) continue;
      if (options.isIgnored?.(relative)) continue;
      if (kind !== 'f') {
        walk.trace.notes.push([relative, kind]);
        options.onSkip?.({
          path: relative,
          reason: kind === 'l' ? linkReason(walk.realRoot, absolute) : notRegularReason(typeOfKind(kind)),
        });
        continue;
      }
      // Only targets that overlap can yield a file twice (links are not followed): one target needs no set.
      if (walk.seen?.has(absolute)) continue;
      if (!open.kept && options.statFiles?.() === false) {
        walk.seen?.add(absolute);
        return { absolute, relative };
      }
      const stamped = options.listings?.fileStamp?.(relative);
      if (stamped) {
        walk.seen?.add(absolute);
        return { absolute, relative, size: stamped.size, mtimeMs: stamped.mtimeMs, ctimeMs: stamped.ctimeMs, ino: stamped.ino };
      }
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(absolute);
      } catch {
        continue; // gone meanwhile
      }
      if (!stat.isFile()) {
        open.retyped = kindOf(stat); // replaced by a folder, a link, ... since the folder was listed
        continue;
      }
      walk.seen?.add(absolute);
      return { absolute, relative, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
    }
    return undefined;
  }
}

/** Kind letters other than a file's and a folder's. */
const OTHER_KINDS = /[^fd]/;

/** The kind letter of a directory entry or an `lstat` (see FolderListing). */
function kindOf(type: fs.Dirent | fs.Stats): string {
  if (type.isFile()) return 'f';
  if (type.isDirectory()) return 'd';
  if (type.isSymbolicLink()) return 'l';
  if (type.isFIFO()) return 'p';
  if (type.isSocket()) return 's';
  if (type.isCharacterDevice()) return 'c';
  if (type.isBlockDevice()) return 'b';
  return '?';
}

/** What a kind letter says, for the skip note of an entry that is not read. */
function typeOfKind(kind: string): EntryType {
  return {
    isFIFO: () => kind === 'p',
    isSocket: () => kind === 's',
    isCharacterDevice: () => kind === 'c',
    isBlockDevice: () => kind === 'b',
  };
}
