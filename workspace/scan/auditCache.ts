import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileScan } from '../files/fileReader';
import {
  ALWAYS_SKIPPED,
  entryNotes,
  type FolderListing,
  type FolderListings,
  type FolderStamp,
  type LookedAt,
  type WalkedFile,
  type WalkTrace,
} from '../files/fileWalker';
import { userCacheFolder } from '../files/userCacheFolder';
import { PrefetchedStamps, stampJob, type FileStamp, type StampStarter } from './stampPrefetch';
import { LineSpool } from './lineSpool';
import { ChecksummedWriter } from './checksummedWriter';
import { mayBeReadBeside } from '../terraformSiblings';
import { isLookedList, nameOf, parentOf, stillAsLooked, walkablePath, walkedPathAt, walkLooks, type ReplayedWalk } from './walkReplay';

/** node:crypto, loaded on first use: with the streams it pulls in, a few ms of every start-up. */
let cryptoModule: typeof Crypto | undefined;
function crypto(): typeof Crypto {
  // Kept once loaded: a require per file hashed was a lookup in the module cache each time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cryptoModule ??= require('node:crypto') as typeof Crypto);
}

/**
 * Per-file audit results kept between audits (CLI `--cache`, the language server's audit), so a
 * second audit of an unchanged tree reads only what changed.
 *
 * A file's results are reused without reading it when its size, mtime, ctime and inode are what
 * they were, and its mtime and ctime were older than the audit that recorded them (a write in the
 * same clock tick cannot slip by); else the file is read and its results reused when its content
 * hash is the same. This is what git's index does: size and mtime alone can be put back after a
 * rewrite (`touch -d`, `utimes`, `cp -p`), the ctime cannot (the kernel sets it). The price: a
 * tree copied or restored anew (new inodes and ctimes, same content) is read and hashed once, not
 * scanned. A file's results may also depend on files beside it or in a local module's folder (the
 * engine reports the folders its scan read: `FileScan.reads`): the entry keeps those folders and
 * a signature of the names and stamps of their files that any sibling read may take, and holds
 * only while the signature does. The whole cache belongs to one key: tool build, rules, config, baseline and what was asked (inventory); any change to one of
 * them starts afresh.
 *
 * What is stored is what a JSON report shows: findings with masked values and fingerprints,
 * never a secret value (the engine's findings never carry one). The file is bounded in size,
 * read only when it is a regular file under the bound, its end line's checksum must match (a file
 * cut short or damaged is not read at all), and each entry is checked before use: a corrupt or
 * crafted cache is ignored (that entry or all of it), never trusted for a path outside the audited
 * folder, and never crashes an audit.
 *
 * Folders are kept too: each walked folder's listing (names and kinds) with its stamp (mtime,
 * ctime, inode, device), taken before it was read. A folder whose stamp is the same, and older
 * than the audit that recorded it by more than a clock tick, is not read again: adding, removing
 * or renaming an entry sets its mtime and ctime (git's untracked cache relies on the same). Its
 * files are still `lstat`ed one by one, and its `.gitignore` read: an edit in place does not touch
 * the folder.
 *
 * The file is ASCII lines: a JSON header (format, version, key, folder, when the audit started),
 * one line per file in walk order, `"path"<TAB>size<TAB>mtimeMs<TAB>ctimeMs<TAB>ino<TAB>hash<TAB>dependencies<TAB>results`
 * (the path a JSON string, the dependencies empty or a signature and the folders as JSON, the results JSON or `0` for nothing at all, both with every non-ASCII
 * character escaped), then one line per folder, `/"folder"<TAB>mtimeMs<TAB>ctimeMs<TAB>ino<TAB>dev<TAB>kinds<TAB>"names"`
 * (a kind letter per entry, the names joined by `/` as one JSON string), and `end<TAB>lines<TAB>checksum`. A walked file the cache
 * holds no results for (too large to read, unreadable, too many findings) has a line all the same,
 * `"path"<TAB>-`, so that the lines name every file the walk yielded. A warm audit walks the tree in the order
 * the lines were written, so it finds each file's line where the previous one ended, compares its
 * stamp in place and parses only the entries that have results: no map of paths, no string per
 * line, no UTF-8 decoding (bench/RESULTS.md, issue 13).
 *
 * The header also keeps what the walk depended on besides the folders' listings (`WalkRecord`),
 * when the lines name every file it yielded and every folder it opened: while none of it and no
 * folder has changed, the next audit takes its files from the lines instead of walking
 * (`replay`, walkReplay.ts). The lines then stand for the walk as a kept listing stands for a
 * folder's read, on the same stamps: a file line names only a path a walk of the folder could
 * yield (never one outside it), and each file is still `lstat`ed and compared as a walked one is.
 * A crafted cache file could leave a file out of a replay, as a crafted listing could leave it out
 * of a walk: the cache is the user's (the user cache folder, or a file outside the audited folders).
 */

const FORMAT = 'nhi-lens audit cache';
const FORMAT_VERSION = 6;
/** Larger cache files are not read (and entries past it are not written). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** A file with more findings than this is rescanned each time rather than cached. */
const MAX_FINDINGS_PER_ENTRY = 1000;
/** Cache files kept in the default folder (one per audited folder and key), the least recent removed first. */
const MAX_CACHE_FILES = 32;
/** A scan that read more folders than this (local modules calling modules) is rescanned each time rather than cached. */
const MAX_DEPENDENCY_FOLDERS = 64;
/** Clock granularity and skew allowance: a stamp this close to the recording audit's start is not trusted alone. */
const RACY_MS = 2000;
/** A header longer than this is not one of ours. */
const MAX_HEADER_BYTES = 64 * 1024;
/** A walk record longer than this (thousands of .gitignore files) is not kept: the tree is walked each time. */
const MAX_WALK_RECORD_CHARS = 32 * 1024;

/**
 * What a walk's files depended on besides its options and its folders' listings (`WalkTrace`), as
 * the header keeps it: whether .gitignore files applied, what it looked at with their stamps, and
 * how many file and folder lines it left (every file it yielded, every folder it opened).
 */
interface WalkRecord {
  /** The folder walked, as its path was given (resolved, links kept: its ancestors are what the walk looked above it). */
  root: string;
  gitignore: boolean;
  /** The entries passed over with a note (`WalkTrace.notes`). */
  notes: Array<[string, string]>;
  looked: LookedAt[];
  files: number;
  folders: number;
}

/** What an audit's results depend on besides the files themselves. */
export interface CacheKeyParts {
  toolVersion: string;
  /** The active rules as data (ids, patterns, severities, sources). */
  rules: unknown;
  config: unknown;
  baseline: unknown;
  inventory: boolean;
}

/** One hash of everything the results depend on: any change gives another key. */
export function auditCacheKey(parts: CacheKeyParts): string {
  return crypto()
    .createHash('sha256')
    .update(JSON.stringify([FORMAT_VERSION, parts.toolVersion, parts.rules, parts.config ?? null, parts.baseline ?? null, parts.inventory]))
    .digest('hex');
}

/** A digest of a text that a cache key depends on (the compiled rules file; its bytes, or as a string its UTF-8 bytes). */
export function textDigest(text: string | Uint8Array): string {
  return crypto().createHash('sha256').update(text).digest('base64url');
}

/**
 * Where an audited folder's cache lives by default: the user's cache folder, one file per folder
 * and key; undefined when there is no user cache folder (see userCacheFolder.ts).
 */
export function defaultAuditCacheFile(root: string, key: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = userCacheFolder(env);
  if (folder === undefined) return undefined;
  const name = crypto()
    .createHash('sha256')
    .update(`${realPathOr(root)}\0${key}`)
    .digest('hex')
    .slice(0, 32);
  return path.join(folder, 'audit', `${name}.json`);
}

/** A file's content hash, as the cache keeps it. */
export function contentHash(buffer: Uint8Array): string {
  const c = crypto();
  // The one-shot form (Node 20.12 on) spares a Hash object per file: ~50 ms over 146,000 files.
  const digest =
    typeof c.hash === 'function' ? c.hash('sha256', buffer, 'base64url') : c.createHash('sha256').update(buffer).digest('base64url');
  return digest.slice(0, 32);
}

/** A walked file as the cache sees it: its paths and stamp. */
export type CachedFile = Pick<WalkedFile, 'relative' | 'absolute' | 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** What a file's line records of it besides its content: size, mtime, ctime, inode. */
type Stamp = Pick<WalkedFile, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** Scan results as stored: everything but the path, which is the entry's key. */
type StoredScan = Omit<FileScan, 'path'>;

/** [size, mtimeMs, ctimeMs, inode, content hash, dependencies ('' when none, see `dependencyField`), results (0 when nothing at all)] */
type Entry = [number, number, number, number, string, string, StoredScan | 0];

/** What the cache knows of a walked file. */
export type Lookup =
  /** Reuse these results as they are. */
  | { scan: FileScan }
  /** Read the file; if its content hash is `hash`, the cached results hold (see `confirm`). */
  | { hash: string }
  /** Nothing usable: scan it. */
  | undefined;

/** The previous audit's cache as read: its lines (ASCII, as latin1), where they start, how many, when it was made. */
interface Loaded {
  /** The header and the file lines. */
  text: string;
  /** The folder lines (each starts with `/`), after the file lines. */
  folderText: string;
  bodyStart: number;
  lines: number;
  startedAt: number;
  /** The lines are in walk order (`walksBefore`), each path once. */
  sorted: boolean;
  /** The header's walk record, as read (checked before use). */
  walk: unknown;
}

export class AuditCache implements FolderListings {
  /** The previous cache's text (empty when there was none) and where its entry lines start. */
  private readonly text: string;
  private readonly bodyStart: number;
  private readonly previousLines: number;
  /** When the audit that wrote the previous entries started (epoch ms; 0: none). */
  private readonly previousStart: number;
  /** The previous cache's folder lines ('' when none). */
  private readonly folderText: string;
  /** Each previous folder line's folder → where its entry starts; built only when the walk and the lines part ways. */
  private folderIndex?: Map<string, number>;
  /** Where the next folder's line is expected: right after the last one found. */
  private folderCursor = 0;
  /** Where the next walked file's line is expected: right after the last one found. */
  private cursor: number;
  /**
   * The path of the line that starts at `at`, when it is written plain (no escapes, so ASCII, and
   * at most MAX_PATH_BYTES long); null otherwise. The search for its closing quote is bounded:
   * a crafted line with none is not searched to its end at every step of the walk.
   */
  private pathAt(at: number): string | null {
    const { text } = this;
    if (at >= text.length || text.charCodeAt(at) !== QUOTE) return null;
    PLAIN_PATH_FIELD.lastIndex = at;
    return PLAIN_PATH_FIELD.exec(text)?.[1] ?? null;
  }

  /** Every previous line's path → where its entry starts; built only when the walk and the lines part ways. */
  private index?: Map<string, number>;
  /** `pathBefore`'s last answer, and the cursor it is for. */
  private before?: { at: number; path: string | null | undefined };
  /** The previous lines are in walk order (`walksBefore`), each path once. */
  private readonly sorted: boolean;
  /**
   * The walked files in walk order, each as a number (`Place`): where its previous entry starts
   * when it is kept as it was, where its new line starts in `spool`, or NONE. Numbers in one typed
   * array rather than strings: an audit of 146,000 files holds 4 bytes per file until its end, not
   * a path and a line (~750 bytes, bench/RESULTS.md, issue 13 at scale).
   */
  private walked = new Int32Array(4096);
  private walkedCount = 0;
  /** The length of each spooled line of `walked` (with its newline). */
  private walkedLengths = new Int32Array(4096);
  /** How many of `walked` are kept entries (offsets into `text`). */
  private keptCount = 0;
  /** Files being read (`lookup` gave a hash or nothing): their place in `walked`, until `confirm`, `record` or `forget`. */
  private readonly awaiting = new Map<string, number>();
  /** This audit's new or changed lines (files and folders), in the order they came, whole. */
  private readonly spool: LineSpool;
  /** The walked folders in the order the walk opened them: where the previous line starts (>= 0) or the spooled one (`Place`). */
  private folderLines = new Int32Array(256);
  private folderCount = 0;
  private folderLengths = new Int32Array(256);
  /** Something differs from the file as read besides `fresh` (a fresh scan not kept, a stamp now old enough): it must be written. */
  private changed = false;
  private readonly startedAt = Date.now();
  /** Each dependency folder's signature and newest stamp, taken once per audit (`folderSignature`); null: not one to look at. */
  private readonly folderSignatures = new Map<string, FolderSignature | null>();
  /** Stamps of the previous lines' files looked up on another thread (a long-running process's `StampThread`). */
  private prefetched?: PrefetchedStamps;
  /** The last path `fileStamp` found the entry of, and where: `lookup` of the same path takes it from there. */
  private peeked?: { relative: string; at: number };
  /** The previous header's walk record, as read (unchecked). */
  private readonly previousWalk: unknown;
  /** This audit's walk record, once its walk is over (`walkOver`); undefined: none to keep. */
  private walkRecord?: Omit<WalkRecord, 'files' | 'folders'>;
  /** This audit's files came from the previous lines (`replay`), not from a walk of the tree. */
  replayed = false;
  /** Why the previous content was not used (absent when it was, or when there was none). */
  readonly ignored?: string;
  hits = 0;
  misses = 0;
  /** Folders whose kept listing stood in for reading them. */
  foldersListed = 0;

  private constructor(
    readonly file: string,
    private readonly key: string,
    private readonly root: string,
    loaded: Loaded | string | undefined,
  ) {
    if (typeof loaded === 'string') this.ignored = loaded;
    const previous = typeof loaded === 'object' ? loaded : undefined;
    this.text = previous?.text ?? '';
    this.folderText = previous?.folderText ?? '';
    this.bodyStart = previous?.bodyStart ?? 0;
    this.previousLines = previous?.lines ?? 0;
    this.previousStart = previous?.startedAt ?? 0;
    this.cursor = this.bodyStart;
    this.sorted = !!previous?.sorted;
    this.previousWalk = previous?.walk;
    this.spool = new LineSpool(`${file}.${process.pid}.spool`, MAX_CACHE_BYTES);
  }

  /**
   * Opens the cache at `file` for this key and folder; a missing, corrupt or foreign file just
   * starts empty. With `stamps` (a thread of its own), the files of the previous lines are looked
   * up there too, from the last one back, while the walk goes forward (`fileStamp`).
   */
  static open(file: string, key: string, root: string, stamps?: StampStarter): AuditCache {
    const realRoot = realPathOr(root);
    const cache = new AuditCache(file, key, realRoot, load(file, key, realRoot));
    if (stamps && cache.text.length > cache.bodyStart) cache.startStamps(stamps, path.resolve(root));
    return cache;
  }

  /** Hands the previous lines' files to the stamp thread (the walk reaches them under `root`). */
  private startStamps(thread: StampStarter, root: string): void {
    const { text } = this;
    const starts: number[] = [];
    for (let start = this.bodyStart; start < text.length; start = this.lineEnd(start) + 1) starts.push(start);
    const job = stampJob(root, path.sep, text, Int32Array.from(starts));
    if (thread.start(job)) this.prefetched = new PrefetchedStamps(job);
  }

  /**
   * A walked file's stamp from the stamp thread, when it has it (see `FolderListings.fileStamp`).
   * Only for a path the walk reached and whose previous line is found in step with the walk.
   */
  fileStamp(relative: string): FileStamp | undefined {
    if (!this.prefetched) return undefined;
    const at = this.previousEntry(relative);
    this.peeked = { relative, at };
    return at < 0 ? undefined : this.prefetched.stampAt(at);
  }

  /** The walk is over (or stopped): the stamp thread stops too. */
  walkDone(): void {
    this.prefetched?.finish();
  }

  /**
   * Whether the walk must look each file up (`lstat`) for its stamp: only when there are previous
   * lines to compare stamps with. Else (a first audit, or the previous cache not used) nothing is
   * known of any file, each is read anyway, and the reader takes its stamp from an `fstat` of what
   * it opened, before the read (`HashRequest.stamp`), on whichever thread reads it: the walk does
   * what it does without the cache (`listed`).
   */
  wantsWalkStamps(): boolean {
    return this.text.length > this.bodyStart;
  }

  /**
   * This audit's files taken from the previous lines instead of a walk of `root` (walkReplay.ts),
   * when the previous audit walked the same folder alone (`targets`) with the same .gitignore
   * setting, left a line for every file it yielded and every folder it opened, and nothing that
   * walk depended on has changed since: each folder line's stamp is the folder's, each path it
   * looked at has its stamp, all of them older than that audit by more than a clock tick (as
   * for a kept listing: `keptListing`). Undefined: walk the tree (the lookups are the same either way).
   */
  replay(targets: readonly string[], root: string, gitignore: boolean): ReplayedWalk | undefined {
    try {
      return this.replayOf(targets, path.resolve(root), gitignore);
    } catch {
      // Anything the checks did not foresee (a look at the file system failing some other way): walk, never fail the audit.
      return undefined;
    }
  }

  private replayOf(targets: readonly string[], root: string, gitignore: boolean): ReplayedWalk | undefined {
    const record = this.previousWalk;
    // The same folder by the same path: its ancestors (their .gitignore files) are those of the path walked.
    if (!isObject(record) || record.root !== root || record.gitignore !== gitignore) return undefined;
    if (!this.sorted || targets.length !== 1 || path.resolve(targets[0]) !== root) return undefined;
    if (!isCount(record.files) || !isCount(record.folders) || record.folders < 1 || record.files + record.folders !== this.previousLines)
      return undefined;
    if (!isLookedList(record.looked) || !isNoteList(record.notes)) return undefined;
    const before = this.previousStart - RACY_MS;
    const prefix = root.endsWith(path.sep) ? root : root + path.sep;
    const folders = this.unchangedFolders(prefix, before);
    if (!folders || folders.starts.length !== record.folders) return undefined;
    // Only what a walk of this folder looks at (never a path a crafted header names elsewhere), still as it was.
    if (!walkLooks(record.looked, root, folders.files) || !stillAsLooked(record.looked, before)) return undefined;
    // The notes as a walk gives them now (a link's says where it leads): each entry of a folder above, still of its kind.
    if (!record.notes.every(([relative]) => folders.files.has(parentOf(relative)))) return undefined;
    const notes = entryNotes(root, record.notes);
    if (!notes) return undefined;
    const lines = this.replayLines(folders.files);
    if (!lines || lines.paths.length !== record.files) return undefined;
    for (const at of folders.starts) this.pushFolder(at);
    this.foldersListed += folders.starts.length;
    this.replayed = true;
    this.walkRecord = { root, gitignore, notes: record.notes, looked: record.looked };
    // Its own lookups: a stamp thread (a long-running process's) has nothing to add.
    this.walkDone();
    this.prefetched = undefined;
    const unchanged = { files: 0, bytes: 0, last: undefined };
    return { notes, unchanged, nextFile: () => this.replayNext(prefix, lines, unchanged) };
  }

  /** How many of the replay's lines have been taken (`replayNext`). */
  private replayTaken = 0;

  /**
   * The replay's next file for `lookup`, or null when this step's lines were all answered for in
   * place (counted in `unchanged`), or undefined at the end of the lines. A file is answered for
   * in place when its line is the cursor's (in step) and, as in `unchangedEmptyLine`, its stamp
   * is the line's and trusted and the line holds no results and no dependencies. At most
   * REPLAY_STEP lines a call: the audit's loop still turns (progress, cancellation) on a large tree.
   */
  private replayNext(prefix: string, lines: ReplayLines, unchanged: ReplayedWalk['unchanged']): CachedFile | null | undefined {
    // Most of a warm audit's time on an unchanged tree is spent in this loop, in a process too
    // short for V8 to optimise it: what the loop reads of `this` is read once per call, and the
    // in-place case is counted here, once per call.
    const { text } = this;
    const { starts, tabs, paths } = lines;
    const count = paths.length;
    const trustedBefore = this.previousStart - RACY_MS;
    const plain = path.sep === '/';
    let cursor = this.cursor;
    let answered = 0;
    let bytes = 0;
    let last: string | undefined;
    let i = this.replayTaken;
    const stop = Math.min(count, i + REPLAY_STEP);
    let found: CachedFile | undefined;
    for (; i < stop; i++) {
      const at = starts[i];
      const relative = paths[i];
      const absolute = prefix + (plain ? relative : relative.split('/').join(path.sep));
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(absolute);
      } catch {
        /* gone meanwhile: passed over, as the walk does */
      }
      if (stat === undefined || !stat.isFile()) {
        // Not a file the walk would yield now: its line is not kept (nor found by a lookup).
        if (cursor === at) cursor = i + 1 < count ? starts[i + 1] : text.length;
        continue;
      }
      const { size, mtimeMs, ctimeMs } = stat;
      if (cursor === at && mtimeMs < trustedBefore && ctimeMs < trustedBefore && emptyRestAt(text, stampEndAt(text, tabs[i] + 1, stat))) {
        this.keep(tabs[i] + 1);
        cursor = i + 1 < count ? starts[i + 1] : text.length;
        answered++;
        bytes += size;
        last = relative;
        continue;
      }
      found = { absolute, relative, size, mtimeMs, ctimeMs, ino: stat.ino };
      i++;
      break;
    }
    this.replayTaken = i;
    this.cursor = cursor;
    this.hits += answered;
    if (answered) {
      unchanged.files += answered;
      unchanged.bytes += bytes;
      unchanged.last = last;
    }
    if (found) return found;
    return i >= count ? undefined : null;
  }

  /**
   * The file lines as a replay takes them: where each starts, where its path field ends, and its
   * path; undefined (the tree is walked) unless every line names a path a walk could yield. That
   * is a plain path inside the folder, in one of the `folders` the replay checked (so never
   * through a link: each of those is a folder by its own `lstat`, and so is every one above it),
   * after the one before it from the same folder in name order (each path once, as a walk lists a
   * folder's entries). Checked before the first file is taken: a line found wrong halfway would
   * leave the audit with part of the tree. Each line is searched for its tab once, as is the text
   * past a line without one.
   */
  private replayLines(folders: Map<string, string>): ReplayLines | undefined {
    const { text } = this;
    const end = text.length;
    let starts = new Int32Array(1024);
    let tabs = new Int32Array(1024);
    const paths: string[] = [];
    let nextTab = -1;
    /** The folder of the line before, '/'-terminated ('' at the top; undefined: no line yet), and that line's path. */
    let folderPrefix: string | undefined;
    let previous = '';
    for (let at = this.bodyStart; at < end;) {
      const lineEnd = text.indexOf('\n', at);
      const next = lineEnd < 0 ? end : lineEnd + 1;
      if (nextTab < at) {
        nextTab = text.indexOf('\t', at);
        if (nextTab < 0) nextTab = end;
      }
      const relative = nextTab > at + 1 && nextTab < next ? walkedPathAt(text, at, nextTab) : undefined;
      if (relative === undefined) return undefined;
      const slash = relative.lastIndexOf('/');
      if (folderPrefix !== undefined && slash === folderPrefix.length - 1 && relative.startsWith(folderPrefix)) {
        // In the folder of the line before (most lines): after it in name order.
        if (!(relative > previous)) return undefined;
      } else {
        if (folderPrefix !== undefined) folders.set(folderPrefix.slice(0, -1), previous);
        // A folder the replay checked, and after the last file taken from it (paths of one folder compare as their names).
        const last = folders.get(slash < 0 ? '' : relative.slice(0, slash));
        if (last === undefined || !(relative > last)) return undefined;
        folderPrefix = relative.slice(0, slash + 1);
      }
      previous = relative;
      if (paths.length === starts.length) {
        starts = grown(starts);
        tabs = grown(tabs);
      }
      starts[paths.length] = at;
      tabs[paths.length] = nextTab;
      paths.push(relative);
      at = next;
    }
    return { starts, tabs, paths };
  }

  /**
   * Where each folder line starts, when every one names a folder a walk opens and it still has the
   * line's stamp, older than `before`: the audited folder first (''), then each inside one named
   * before it, never one the walk passes over (`node_modules`, `.git`, ...), each once, a folder by
   * its own `lstat` (not a link). Also each folder's path, for the files of the replay (with the
   * path of the last file taken from it: none yet). Undefined when any is not.
   */
  private unchangedFolders(prefix: string, before: number): { starts: number[]; files: Map<string, string> } | undefined {
    const text = this.folderText;
    const starts: number[] = [];
    const files = new Map<string, string>();
    for (let at = 0; at < text.length; at = lineEndIn(text, at) + 1) {
      FOLDER_STAMP.lastIndex = at;
      const line = FOLDER_STAMP.exec(text);
      const folder = line ? pathOf(line[1]) : undefined;
      if (!line || folder === undefined || files.has(folder)) return undefined;
      if (starts.length === 0 ? folder !== '' : !walkablePath(folder) || !files.has(parentOf(folder)) || ALWAYS_SKIPPED.has(nameOf(folder)))
        return undefined;
      // Four reads, not a destructured array: that runs the array iterator, interpreted here, once per folder.
      const mtimeMs = Number(line[2]);
      const ctimeMs = Number(line[3]);
      const ino = Number(line[4]);
      const dev = Number(line[5]);
      if (!(Math.max(mtimeMs, ctimeMs) < before)) return undefined;
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(prefix + (path.sep === '/' ? folder : folder.split('/').join(path.sep)));
      } catch {
        return undefined;
      }
      if (!stat.isDirectory() || stat.mtimeMs !== mtimeMs || stat.ctimeMs !== ctimeMs || stat.ino !== ino || stat.dev !== dev)
        return undefined;
      starts.push(at);
      files.set(folder, '');
    }
    return { starts, files };
  }

  /**
   * The walk is over, whole (not cancelled): what it depended on (`trace`, of a walk of `targets`
   * under `root`), kept in the header when the lines name every file it yielded and every folder
   * it opened (`write`). Not called for a replayed walk (its record stays).
   */
  walkOver(trace: WalkTrace, targets: readonly string[], root: string, gitignore: boolean): void {
    if (this.replayed) return;
    const resolved = path.resolve(root);
    // Every folder it opened stamped and given a line (none refused by a full spool), nothing it must note again itself.
    const whole =
      trace.opened === trace.stamped &&
      this.folderCount === trace.opened &&
      trace.skips === 0 &&
      targets.length === 1 &&
      path.resolve(targets[0]) === resolved;
    let record: WalkRecord | undefined = whole
      ? { root: resolved, gitignore, notes: trace.notes, looked: trace.looked, files: 0, folders: 0 }
      : undefined;
    // Too large to keep (thousands of .gitignore files or links): as if there were none, so no rewrite for it either.
    if (record && asciiJson(record).length > MAX_WALK_RECORD_CHARS) record = undefined;
    const previous = this.previousWalk;
    if (!record) {
      this.walkRecord = undefined;
      if (previous !== undefined) this.changed = true; // the last one no longer holds
      return;
    }
    this.walkRecord = { root: resolved, gitignore, notes: trace.notes, looked: trace.looked };
    // A record other than the last one, or one that was too recent for the last audit's start and is
    // old enough for this one's, is written even when no line changed, so the next audit can replay.
    const same =
      isObject(previous) &&
      previous.root === resolved &&
      previous.gitignore === gitignore &&
      JSON.stringify(previous.notes) === JSON.stringify(trace.notes) &&
      JSON.stringify(previous.looked) === JSON.stringify(trace.looked);
    if (!same || (!stillAsLooked(trace.looked, this.previousStart - RACY_MS) && stillAsLooked(trace.looked, this.startedAt - RACY_MS)))
      this.changed = true;
  }

  /**
   * A walked file without its stamp (the walk did not look it up: `wantsWalkStamps` said no),
   * in walk order like `lookup`: it has its place, and `record` (with the stamp its read took)
   * or `forget` follows.
   */
  listed(relative: string): void {
    this.awaiting.set(relative, this.push(NONE));
  }

  /** What is known of a walked file. Called once per walked file, in walk order. */
  lookup(file: CachedFile): Lookup {
    const peeked = this.peeked;
    if (peeked === undefined) {
      const next = this.unchangedEmptyLine(file);
      if (next >= 0) {
        // The entry starts after the path, its quotes and its tab.
        this.keep(this.cursor + file.relative.length + 3);
        this.cursor = next;
        this.hits++;
        // Two flat literals: a nested one is built by the runtime from its boilerplate, a cost per file.
        const scan: FileScan = { path: file.relative, bytes: file.size, findings: NO_FINDINGS, suppressed: 0, skipped: NO_NOTES };
        return { scan };
      }
    }
    this.peeked = undefined;
    // No previous lines at all (a first audit): nothing to look for.
    const at = this.text.length <= this.bodyStart ? -1 : peeked?.relative === file.relative ? peeked.at : this.previousEntry(file.relative);
    if (at < 0) {
      this.awaiting.set(file.relative, this.push(NONE));
      return undefined;
    }
    const trusted = this.trusted(file, this.previousStart);
    // Most files of a warm audit: unchanged, nothing found, no dependencies. Their line is
    // recognised in place, without parsing it into an entry.
    if (trusted && emptyRestAt(this.text, stampEndAt(this.text, at, file))) {
      this.hits++;
      this.keep(at);
      return { scan: { path: file.relative, bytes: file.size, findings: NO_FINDINGS, suppressed: 0, skipped: NO_NOTES } };
    }
    if (this.text.startsWith(NO_RESULTS, at) && this.lineEnd(at) === at + NO_RESULTS.length) {
      // Held no results last time (too large, unreadable, too many findings): read it again, its line kept for now.
      this.awaiting.set(file.relative, this.keep(at));
      return undefined;
    }
    const entry = parseEntry(this.restAt(at));
    if (!entry || entry[0] !== file.size || !this.dependenciesHold(entry[5])) {
      this.awaiting.set(file.relative, this.push(NONE));
      return undefined;
    }
    const place = this.keep(at);
    if (trusted && sameStamp(entry, file)) {
      this.hits++;
      return { scan: scanOf(file.relative, entry) };
    }
    this.awaiting.set(file.relative, place);
    return { hash: entry[4] };
  }

  /**
   * Where the line after the cursor's starts, when the cursor's line is this file's (in step with
   * the walk), its path is written plain, its stamp is the file's and trusted, and it holds no
   * results and no dependencies; else -1. Most files of a warm audit: one comparison of the
   * path, the four numbers of the stamp, and one sticky expression for the rest of the line, with
   * no string made but the numbers' and nothing looked up by path.
   */
  private unchangedEmptyLine(file: CachedFile): number {
    const { text } = this;
    const at = this.cursor;
    const relative = file.relative;
    // The first quote after the line's is right after `relative`: the path field is `relative`
    // itself (PLAIN_EMPTY_LINE then says it is written plain), not a shorter or longer path. The
    // quote there is checked first, so the search stops at it: a crafted line with no quote is
    // never searched to its end once per walked file.
    const close = at + 1 + relative.length;
    if (!text.startsWith(relative, at + 1) || text.charCodeAt(close) !== QUOTE || text.indexOf('"', at + 1) !== close) return -1;
    if (!this.trusted(file, this.previousStart) || stampEndAt(text, at + relative.length + 3, file) < 0) return -1;
    PLAIN_EMPTY_LINE.lastIndex = at;
    return PLAIN_EMPTY_LINE.test(text) ? PLAIN_EMPTY_LINE.lastIndex : -1;
  }

  /** The file was read and its hash is the cached one: its cached results, kept for the next audit with its new stamp. */
  confirm(file: CachedFile): FileScan | undefined {
    const place = this.awaiting.get(file.relative);
    const at = place === undefined ? -1 : this.walked[place];
    const entry = at >= 0 ? parseEntry(this.restAt(at)) : undefined;
    if (!entry) return undefined; // still awaited: `record` follows
    this.awaiting.delete(file.relative);
    this.hits++;
    if (!sameStamp(entry, file)) {
      this.spoolFile(place!, file.relative, [file.size, file.mtimeMs, file.ctimeMs, file.ino, entry[4], entry[5], entry[6]]);
    } else if (this.trusted(file, this.startedAt)) {
      // Too recent to be trusted against the last audit's start, old enough against this one's:
      // written again (with this audit's start), the next audit need not read it.
      this.changed = true;
    }
    return scanOf(file.relative, entry);
  }

  /**
   * Records a fresh scan of a file that was read whole (`hash` of its content), with its stamp:
   * the walk's, or the one its read took before reading it (`FileScan.stamp`).
   */
  record(scan: FileScan, file: Pick<CachedFile, 'relative' | 'absolute'>, hash: string, stamp: Stamp = file as CachedFile): void {
    this.misses++;
    this.changed = true;
    const place = this.awaiting.get(file.relative);
    if (place === undefined) return; // not looked up: not kept
    this.awaiting.delete(file.relative);
    const dependencies = this.dependencyField(scan.reads);
    if (scan.findings.length > MAX_FINDINGS_PER_ENTRY || dependencies === undefined) {
      this.spoolLine(place, `${quotedPath(file.relative)}\t${NO_RESULTS}`); // its previous entry no longer holds
      return;
    }
    // No copy of the scan without its path (`withoutPaths` picks its fields): an object spread per file was a third of this.
    const empty = !scan.findings.length && !scan.skipped.length && !scan.suppressed && !scan.identities?.length;
    const entry: Entry = [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, hash, dependencies, empty ? 0 : withoutPaths(scan)];
    this.spoolFile(place, file.relative, entry);
  }

  /**
   * A walked file came back without a content hash (not read: too large, unreadable): its previous
   * entry, if any, stays as it was; else it gets a line without results, so that the lines name
   * every walked file (`replay`).
   */
  forget(file: Pick<CachedFile, 'relative'>): void {
    const place = this.awaiting.get(file.relative);
    this.awaiting.delete(file.relative);
    if (place !== undefined && this.walked[place] === NONE) this.spoolLine(place, `${quotedPath(file.relative)}\t${NO_RESULTS}`);
  }

  /** The audit is not saved (cancelled, failed): the lines put aside are let go. */
  discard(): void {
    this.walkDone();
    this.spool.close();
  }

  /** Puts a file's new line aside as the one of the walked file at `place`. */
  private spoolFile(place: number, relative: string, entry: Entry): void {
    this.spoolLine(place, `${quotedPath(relative)}\t${line(entry)}`);
  }

  /** Puts a new line aside (its newline added) as the one of the walked file at `place`. */
  private spoolLine(place: number, text: string): void {
    this.changed = true;
    const start = this.spool.append(text);
    this.replace(place, start < 0 ? NONE : spooled(start)); // NONE: the cache is full
    this.walkedLengths[place] = text.length + 1;
  }

  /** Appends a walked file's place value: its place in `walked`. */
  private push(value: number): number {
    if (this.walkedCount === this.walked.length) {
      this.walked = grown(this.walked);
      this.walkedLengths = grown(this.walkedLengths);
    }
    this.walked[this.walkedCount] = value;
    return this.walkedCount++;
  }

  /** The walked file at `place` has another place value (its previous entry no longer holds as it is). */
  private replace(place: number, value: number): void {
    if (this.walked[place] >= 0) this.keptCount--;
    this.walked[place] = value;
  }

  private pushFolder(value: number, length = 0): void {
    if (this.folderCount === this.folderLines.length) {
      this.folderLines = grown(this.folderLines);
      this.folderLengths = grown(this.folderLengths);
    }
    this.folderLengths[this.folderCount] = length;
    this.folderLines[this.folderCount++] = value;
  }

  /**
   * Writes the entries of this audit (only those: files gone since are forgotten), in walk order,
   * atomically, unless they are exactly what was read. Never throws; false when it could not write.
   */
  save(): boolean {
    try {
      return this.write();
    } finally {
      this.spool.close();
    }
  }

  private write(): boolean {
    this.walkDone();
    if (!this.changed && this.keptCount + this.folderCount === this.previousLines && this.ignored === undefined && this.previousStart) {
      try {
        const now = new Date();
        fs.utimesSync(this.file, now, now); // still in use: pruned last
      } catch {
        /* only its place in the pruning order is at stake */
      }
      return true;
    }
    if (!this.spool.finish()) return false;
    const { text, folderText, spool } = this;
    /** The path of walked file `i`'s line (undefined: none). */
    const pathOfWalked = (i: number): string | undefined => {
      const value = this.walked[i];
      if (value === NONE) return undefined;
      if (value >= 0) return pathOf(text.slice(text.lastIndexOf('\n', value - 1) + 1, value - 1));
      let quoted = '';
      spool.copy(spooledStart(value), Math.min(this.walkedLengths[i], MAX_PATH_BYTES), (bytes, start, end) => {
        quoted += bytes.toString('latin1', start, end);
      });
      const tab = quoted.indexOf('\t');
      return tab < 0 ? undefined : pathOf(quoted.slice(0, tab));
    };
    // Whether the lines are in walk order, for the header (before them): a pass over their paths.
    let sorted = true;
    let last: string | undefined;
    for (let i = 0; i < this.walkedCount && sorted; i++) {
      const relative = pathOfWalked(i);
      if (relative === undefined) continue;
      if (last !== undefined && !walksBefore(last, relative)) sorted = false;
      last = relative;
    }
    // The lines should name every walked file and folder: the replay takes the record only when
    // the end line's count is these (a walked file left without a line, or lines past the bound, say otherwise).
    const record = this.walkRecord && { ...this.walkRecord, files: this.walkedCount, folders: this.folderCount };
    const walk = record && asciiJson(record).length <= MAX_WALK_RECORD_CHARS ? { walk: record } : {};
    const header = { format: FORMAT, version: FORMAT_VERSION, key: this.key, root: this.root, startedAt: this.startedAt, sorted, ...walk };
    const temp = `${this.file}.${process.pid}.tmp`;
    let out: ChecksummedWriter | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const writer = (out = new ChecksummedWriter(temp));
      writer.line(asciiJson(header));
      const sink = (bytes: Buffer, start: number, end: number) => writer.bytes(bytes, start, end);
      let lines = 0;
      // Bounded: the lines past it are scanned (or their folders read) next time instead.
      let room = MAX_CACHE_BYTES - writer.size - 1024;
      /** Writes a kept line (`source` from `value` to its end) or a spooled one (`length` bytes with its newline). */
      const put = (source: string, value: number, length: number): boolean => {
        if (value >= 0) {
          const end = lineEndIn(source, value);
          room -= end - value + 1;
          if (room < 0) return false;
          writer.line(source.slice(value, end));
        } else {
          room -= length;
          if (room < 0) return false;
          spool.copy(spooledStart(value), length, sink);
        }
        lines++;
        return true;
      };
      let full = false;
      for (let i = 0; i < this.walkedCount && !full; i++) {
        const value = this.walked[i];
        if (value !== NONE) full = !put(text, value >= 0 ? text.lastIndexOf('\n', value - 1) + 1 : value, this.walkedLengths[i]);
      }
      // The folder listings after the files (a line of a file never starts with `/`).
      for (let i = 0; i < this.folderCount && !full; i++) full = !put(folderText, this.folderLines[i], this.folderLengths[i]);
      out.end(`end\t${lines}\t`);
      out = undefined;
      fs.renameSync(temp, this.file);
      return true;
    } catch {
      out?.abandon();
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        /* nothing more to do: the next audit starts without a cache */
      }
      return false;
    }
  }

  /**
   * A folder's listing as the last audit read it, when the folder's stamp is the one recorded with
   * it and older than that audit by more than a clock tick: adding, removing or renaming an entry
   * sets a folder's mtime and ctime (and `utimes` cannot put a ctime back), so the listing is what
   * a read would give. This is the test git's untracked cache makes. Else undefined: the walk reads
   * the folder and keeps its listing (`keepListing`).
   */
  keptListing(folder: string, stamp: FolderStamp): FolderListing | undefined {
    if (!this.trusted(stamp, this.previousStart)) return undefined;
    const inStep = this.keptListingInStep(folder, stamp);
    if (inStep) return inStep;
    const at = this.previousFolderAt(folder);
    if (at < 0) return undefined;
    // Read in place, as a file's stamp is (no split of the line).
    const text = this.folderText;
    let next = numberFieldAt(text, at, stamp.mtimeMs);
    if (next >= 0) next = numberFieldAt(text, next, stamp.ctimeMs);
    if (next >= 0) next = numberFieldAt(text, next, stamp.ino);
    if (next >= 0) next = numberFieldAt(text, next, stamp.dev);
    if (next < 0) return undefined;
    const end = lineEndIn(text, next);
    const tab = text.indexOf('\t', next);
    if (tab < 0 || tab > end) return undefined;
    const listing = parseListing(text.slice(next, tab), text.slice(tab + 1, end));
    if (!listing) return undefined;
    this.pushFolder(text.lastIndexOf('\n', at - 1) + 1);
    this.foldersListed++;
    return listing;
  }

  /**
   * `keptListing` for most folders of a warm audit: the line at the folder cursor is this folder's,
   * written plain, with its stamp, and names written plain. The line is matched whole by one
   * sticky expression, which also finds its end; anything else goes the general way.
   */
  private keptListingInStep(folder: string, stamp: FolderStamp): FolderListing | undefined {
    const text = this.folderText;
    const at = this.folderCursor;
    // As for a file's line (`unchangedEmptyLine`): the path field is `folder` itself.
    const close = at + 2 + folder.length;
    if (!text.startsWith(folder, at + 2) || text.charCodeAt(close) !== QUOTE || text.indexOf('"', at + 2) !== close) return undefined;
    PLAIN_FOLDER_LINE.lastIndex = at;
    const line = PLAIN_FOLDER_LINE.exec(text);
    if (!line) return undefined;
    let next = numberFieldAt(text, at + folder.length + 4, stamp.mtimeMs);
    if (next >= 0) next = numberFieldAt(text, next, stamp.ctimeMs);
    if (next >= 0) next = numberFieldAt(text, next, stamp.ino);
    if (next >= 0) next = numberFieldAt(text, next, stamp.dev);
    // Written plain, the names hold no NUL nor backslash: `listingOf` checks the rest.
    const listing = next >= 0 ? listingOf(line[1], line[2]) : undefined;
    if (!listing) return undefined;
    this.folderCursor = PLAIN_FOLDER_LINE.lastIndex;
    this.pushFolder(at);
    this.foldersListed++;
    return listing;
  }

  /** A walked file's previous entry, kept as it is: its place in `walked`. */
  private keep(at: number): number {
    this.keptCount++;
    return this.push(at);
  }

  /** A folder the walk read, with its stamp from before the read: kept for the next audit. */
  keepListing(folder: string, stamp: FolderStamp, listing: FolderListing): void {
    const rest = `${stamp.mtimeMs}\t${stamp.ctimeMs}\t${stamp.ino}\t${stamp.dev}\t${listing.kinds}\t${quotedPath(listing.names.join('/'))}`;
    // The same line as before needs no rewrite, unless its stamp is now old enough to be trusted
    // against this audit's start (as for a file in `confirm`).
    const at = this.previousFolderAt(folder);
    const previous = at < 0 ? undefined : this.folderText.slice(at, lineEndIn(this.folderText, at));
    if (rest === previous) {
      if (this.trusted(stamp, this.startedAt)) this.changed = true;
      this.pushFolder(this.folderText.lastIndexOf('\n', at - 1) + 1);
      return;
    }
    this.changed = true;
    const text = `/${quotedPath(folder)}\t${rest}`;
    const start = this.spool.append(text);
    if (start >= 0) this.pushFolder(spooled(start), text.length + 1);
  }

  /** Whether a stamp can be trusted without reading the file or folder: older than `start` by more than a clock tick. */
  private trusted(stamp: { mtimeMs: number; ctimeMs: number }, start: number): boolean {
    return Math.max(stamp.mtimeMs, stamp.ctimeMs) < start - RACY_MS;
  }

  /**
   * Where the rest of the previous line of a folder starts (after its path and tab), or -1. The
   * walk opens folders in the order their lines were written: each is looked for right after the
   * last one found, and by a map of every folder line only when the walk and the lines part ways.
   */
  private previousFolderAt(folder: string): number {
    const text = this.folderText;
    const at = this.folderCursor;
    const quoted = quotedPath(folder);
    if (text.charCodeAt(at) === SLASH && text.startsWith(quoted, at + 1) && text.charCodeAt(at + 1 + quoted.length) === TAB) {
      const rest = at + 2 + quoted.length;
      this.folderCursor = lineEndIn(text, rest) + 1;
      return rest;
    }
    let index = this.folderIndex;
    if (!index) {
      index = this.folderIndex = new Map();
      for (let start = 0; start < text.length;) {
        const end = lineEndIn(text, start);
        const tab = tabInLine(text, start);
        if (text.charCodeAt(start) === SLASH && tab > start + 2) {
          const path = pathOf(text.slice(start + 1, tab));
          if (path !== undefined) index.set(path, tab + 1);
        }
        start = end + 1;
      }
    }
    const rest = index.get(folder);
    if (rest === undefined) return -1;
    this.folderCursor = lineEndIn(text, rest) + 1;
    return rest;
  }

  /** Where the previous entry of a path starts (after the path and its tab), or -1. */
  private previousEntry(relative: string): number {
    const { text } = this;
    const at = this.cursor;
    // In step with the walk: this path's line is the one after the last one found.
    const name = PLAIN_PATH.test(relative) ? relative : quotedPath(relative).slice(1, -1);
    if (
      at < text.length &&
      text.charCodeAt(at) === QUOTE &&
      text.startsWith(name, at + 1) &&
      text.charCodeAt(at + 1 + name.length) === QUOTE &&
      text.charCodeAt(at + 2 + name.length) === TAB
    ) {
      const rest = at + 3 + name.length;
      this.cursor = this.lineEnd(rest) + 1;
      return rest;
    }
    // Out of step. When the lines are in walk order, the lines of files gone since come before
    // this path's and are passed over, and a path that falls between two lines has none (a file
    // the cache does not hold: new, too large to read): no map of every path is needed.
    if (this.sorted && PLAIN_PATH.test(relative)) {
      const before = this.pathBefore(at);
      if (before !== null && (before === undefined || walksBefore(before, relative))) {
        let next = at;
        let path = this.pathAt(next);
        // A few lines at most (a folder deleted since is many): past that, the map.
        for (let passed = 0; path && passed < MAX_LINES_PASSED && walksBefore(path, relative); passed++) {
          next = this.lineEnd(next) + 1;
          path = this.pathAt(next);
        }
        if (next >= text.length || (path && walksBefore(relative, path))) {
          this.cursor = next;
          return -1;
        }
        if (
          path === relative &&
          text.charCodeAt(next + 1 + relative.length) === QUOTE &&
          text.charCodeAt(next + 2 + relative.length) === TAB
        ) {
          const rest = next + 3 + relative.length;
          this.cursor = this.lineEnd(rest) + 1;
          return rest;
        }
      }
    }
    // Else (a file gone since, or out of order) by path, and in step again from there.
    const rest = this.lines().get(relative);
    if (rest === undefined) return -1;
    this.cursor = this.lineEnd(rest) + 1;
    return rest;
  }

  /**
   * The path of the line before the one that starts at `at` (undefined at the first line; null
   * when not written plain). Kept for the cursor it was found at: files the cache does not hold,
   * looked up one after another at the same cursor, do not each search back over that line (a
   * crafted line of megabytes, searched once per new file). Each line is then searched back over
   * for one cursor at most, the one right after it: at most the file's length in all.
   */
  private pathBefore(at: number): string | null | undefined {
    if (this.before?.at !== at)
      this.before = { at, path: at > this.bodyStart ? this.pathAt(this.text.lastIndexOf('\n', at - 2) + 1) : undefined };
    return this.before.path;
  }

  /** Every previous line's path → where its entry starts (a path twice: the last line counts). */
  private lines(): Map<string, number> {
    if (this.index) return this.index;
    const { text } = this;
    const index = new Map<string, number>();
    for (let start = this.bodyStart; start < text.length;) {
      const end = this.lineEnd(start);
      const tab = tabInLine(text, start);
      if (tab > start + 1 && text.charCodeAt(start) === QUOTE && text.charCodeAt(tab - 1) === QUOTE) {
        const relative = pathOf(text.slice(start, tab));
        if (relative !== undefined) index.set(relative, tab + 1);
      }
      start = end + 1;
    }
    return (this.index = index);
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end < 0 ? this.text.length : end;
  }

  /** The rest of the previous line whose entry starts at `at`. */
  private restAt(at: number): string {
    return this.text.slice(at, this.lineEnd(at));
  }

  /**
   * Whether the folders a line's dependency field names still have the files it signed ('': none),
   * each of them older than the audit that signed them by more than a clock tick, as a file's own
   * stamp must be (`trusted`): a file beside changed while that audit ran may have been read before
   * or after the change, and one changed twice within a clock tick keeps its stamp.
   */
  private dependenciesHold(field: string): boolean {
    if (field === '') return true;
    let folders: unknown;
    try {
      folders = JSON.parse(field.slice(SIGNATURE_CHARS));
    } catch {
      return false;
    }
    if (!Array.isArray(folders) || !folders.every(isString) || this.dependencyField(folders) !== field) return false;
    // Each one signed above: from the map.
    return folders.every((folder) => this.folderSignature(folder)!.newest < this.previousStart - RACY_MS);
  }

  /**
   * A scan's dependencies as its line keeps them: a signature of the files of the folders it read,
   * then the folders as JSON; '' when it read none. Undefined (the file is not kept) for more
   * folders than the bound, or one that is not a plain path inside the audited folder.
   */
  private dependencyField(folders: readonly string[] | undefined): string | undefined {
    if (!folders?.length) return '';
    if (folders.length > MAX_DEPENDENCY_FOLDERS) return undefined;
    let signed = '';
    for (const folder of folders) {
      const known = this.folderSignature(folder);
      if (!known) return undefined;
      signed += `${known.signature}\n`;
    }
    return `${digest(signed).slice(0, SIGNATURE_CHARS)}${asciiJson(folders)}`;
  }

  /**
   * The names and stamps of the files of a folder (as a scan names it: relative to the root) that
   * a read beside a scanned file may take (every such name, not only those a bounded read took:
   * another one added can push one out), and the newest mtime or ctime among them and the
   * folder's own (a file removed sets the folder's), once per audit. Undefined for a folder that
   * is not a plain path inside the audited one (a crafted line names no folder elsewhere to look at).
   */
  private folderSignature(folder: string): FolderSignature | undefined {
    let known = this.folderSignatures.get(folder);
    if (known !== undefined) return known ?? undefined;
    const absolute = path.resolve(this.root, folder);
    const relative = path.relative(this.root, absolute);
    known =
      folder.length > MAX_PATH_BYTES ||
      folder.includes('\0') ||
      path.isAbsolute(folder) ||
      relative.startsWith('..') ||
      path.isAbsolute(relative)
        ? null
        : signatureOf(absolute);
    this.folderSignatures.set(folder, known);
    return known ?? undefined;
  }
}

/** See `AuditCache.folderSignature`: the stamps joined as they are (one digest is taken over a line's folders). */
function signatureOf(folder: string): FolderSignature {
  let signature = '';
  let newest = Infinity;
  try {
    // Followed, as the read beside a file and `readdir` follow a linked folder.
    const stat = fs.statSync(folder);
    newest = Math.max(stat.mtimeMs, stat.ctimeMs);
    for (const name of fs.readdirSync(folder).sort()) {
      if (!mayBeReadBeside(name)) continue;
      try {
        const stat = fs.lstatSync(path.join(folder, name));
        signature += `${JSON.stringify(name)}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}/`;
        newest = Math.max(newest, stat.mtimeMs, stat.ctimeMs);
      } catch {
        signature += `${JSON.stringify(name)}:gone/`;
        newest = Infinity;
      }
    }
  } catch {
    signature = 'unreadable';
  }
  return { signature, newest };
}

/** A SHA-256 digest of a text, base64url (the one-shot form where there is one, as in `contentHash`). */
function digest(text: string): string {
  const c = crypto();
  return typeof c.hash === 'function' ? c.hash('sha256', text, 'base64url') : c.createHash('sha256').update(text).digest('base64url');
}

/** What a folder's files that a read beside a scanned file may take were: their signature, and the newest stamp among them. */
interface FolderSignature {
  signature: string;
  /** Epoch ms; Infinity when the folder could not be read as a whole (never trusted). */
  newest: number;
}

/** Removes the least recently written cache files of the default folder beyond the limit. Never throws. */
export function pruneCacheFolder(folder: string, keep = MAX_CACHE_FILES): void {
  try {
    const files = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const file = path.join(folder, name);
        return { file, mtimeMs: fs.lstatSync(file).mtimeMs };
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { file } of files.slice(keep)) fs.rmSync(file, { force: true });
  } catch {
    /* a cache folder we cannot tidy costs disk space, nothing else */
  }
}

function load(file: string, key: string, root: string): Loaded | string | undefined {
  let buffer: Buffer;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > MAX_CACHE_BYTES) return 'larger than the limit';
    buffer = fs.readFileSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
  const headerEnd = buffer.indexOf(NEWLINE);
  let header: unknown;
  try {
    header = JSON.parse(buffer.toString('utf8', 0, headerEnd < 0 ? Math.min(buffer.length, MAX_HEADER_BYTES) : headerEnd));
  } catch {
    return 'corrupt';
  }
  if (!isObject(header) || header.format !== FORMAT) return 'not an nhi-lens audit cache';
  if (header.version !== FORMAT_VERSION)
    return `written in another cache format (${String(header.version)}; this version reads ${FORMAT_VERSION})`;
  if (header.key !== key) return 'made with other rules, config, baseline or version';
  if (header.root !== root) return 'made for another folder';
  if (typeof header.startedAt !== 'number' || headerEnd < 0) return 'corrupt';
  // The end line: how many lines, and a checksum of everything before it. A file cut short (a full
  // disk, a crash while it was copied) or damaged is not read at all, not even the lines that look whole.
  const endStart = buffer.length > 1 && buffer[buffer.length - 1] === NEWLINE ? buffer.lastIndexOf(NEWLINE, buffer.length - 2) + 1 : -1;
  const end = endStart > headerEnd ? END_LINE.exec(buffer.toString('latin1', endStart, buffer.length - 1)) : null;
  if (!end) return 'cut short or damaged (no end line)';
  if (end[2] !== checksum(buffer.subarray(0, endStart))) return 'cut short or damaged (its checksum does not match)';
  // The folder lines follow the file lines: the first line that starts with `/`.
  const folders = buffer.indexOf('\n/', headerEnd);
  const filesEnd = folders < 0 || folders >= endStart ? endStart : folders + 1;
  return {
    text: buffer.toString('latin1', 0, filesEnd),
    folderText: buffer.toString('latin1', filesEnd, endStart),
    bodyStart: headerEnd + 1,
    lines: Number(end[1]),
    startedAt: header.startedAt,
    sorted: header.sorted === true,
    walk: header.walk,
  };
}

const NEWLINE = 0x0a;
/** A replay's file lines (`replayLines`). */
interface ReplayLines {
  starts: Int32Array;
  tabs: Int32Array;
  paths: string[];
}

/** File lines a replay takes at most per call (see `replayNext`). */
const REPLAY_STEP = 512;
/** The rest of the line of a walked file the cache holds no results for. */
const NO_RESULTS = '-';
/** A folder line's path and stamp (mtimeMs, ctimeMs, inode, device), up to its kinds. */
const FOLDER_STAMP = /\/("[^\t\n]*")\t([^\t\n]{1,32})\t([^\t\n]{1,32})\t([^\t\n]{1,32})\t([^\t\n]{1,32})\t/y;
/** The length of a line's dependency signature (before its folders). */
const SIGNATURE_CHARS = 22;
/** A walked file with no line to write (a place value: >= 0 a previous entry's start, <= -2 a spooled line's). */
const NONE = -1;
const spooled = (start: number) => -start - 2;
const spooledStart = (value: number) => -value - 2;
/** Enough of a spooled line to hold its path (no path the walk yields is longer; one that were would be left out of the order check). */
const MAX_PATH_BYTES = 16 * 1024;

/** A typed array twice as long, with the same start. */
function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

const QUOTE = 0x22;
/** A line's path field written plain: no quote, backslash or line break inside, and no longer than any path the walk yields. */
const PLAIN_PATH_FIELD = new RegExp(`"([^"\\\\\\n]{0,${MAX_PATH_BYTES}})"`, 'y');
const TAB = 0x09;
/** Lines of files gone since passed over in walk order before looking the path up in the map instead. */
const MAX_LINES_PASSED = 64;
const SLASH = 0x2f;
const END_LINE = /^end\t(\d{1,9})\t([A-Za-z0-9_-]{43})$/;
/** A path written as it is between its quotes: printable ASCII without quote or backslash. */
const PLAIN_PATH = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** The checksum of the end line: it guards against damage, not tampering (whoever can write the file can write it). */
function checksum(bytes: Uint8Array | string): string {
  return typeof bytes === 'string'
    ? crypto().createHash('sha256').update(bytes, 'latin1').digest('base64url')
    : crypto().createHash('sha256').update(bytes).digest('base64url');
}

/** JSON with every character outside printable ASCII escaped: the file stays ASCII, read without UTF-8 decoding. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Whether path `a` comes before `b` in walk order: depth first, each folder's names in code-unit
 * order. That is string order with `/` below every other character: a folder's files come
 * before a longer name that starts like it (`x/y` before `x.z`).
 */
export function walksBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return (x === SLASH ? -1 : x) < (y === SLASH ? -1 : y);
  }
  return a.length < b.length;
}

/** A path as its line starts. */
function quotedPath(relative: string): string {
  return PLAIN_PATH.test(relative) ? `"${relative}"` : asciiJson(relative);
}

/** A line's path, a JSON string (parsed only when it has escapes). */
function pathOf(quoted: string): string | undefined {
  if (quoted.length < 2 || quoted.charCodeAt(0) !== QUOTE || quoted.charCodeAt(quoted.length - 1) !== QUOTE) return undefined;
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the stamp that starts at `at` ends (after its last tab) when it is this file's, else -1.
 * The line's numbers are read and compared, not the file's formatted: formatting four numbers
 * per file cost a warm audit more than its lookups did otherwise.
 */
function stampEndAt(text: string, at: number, file: Stamp): number {
  // Unrolled, with no call per field: most of a warm audit's files come here once, in code V8 has not optimised yet.
  let end = text.indexOf('\t', at);
  if (end <= at || end - at > 32 || Number(text.slice(at, end)) !== file.size) return -1;
  at = end + 1;
  end = text.indexOf('\t', at);
  if (end <= at || end - at > 32 || Number(text.slice(at, end)) !== file.mtimeMs) return -1;
  at = end + 1;
  end = text.indexOf('\t', at);
  if (end <= at || end - at > 32 || Number(text.slice(at, end)) !== file.ctimeMs) return -1;
  at = end + 1;
  end = text.indexOf('\t', at);
  if (end <= at || end - at > 32 || Number(text.slice(at, end)) !== file.ino) return -1;
  return end + 1;
}

/** A line's first tab, searched for within the line only (-1: none); see TAB_IN_LINE. */
function tabInLine(text: string, start: number): number {
  TAB_IN_LINE.lastIndex = start;
  return TAB_IN_LINE.test(text) ? TAB_IN_LINE.lastIndex - 1 : -1;
}

/** Up to and through a line's first tab: sticky, so a crafted text of lines without tabs is not read to its end once per line (an index of every line). */
const TAB_IN_LINE = /[^\t\n]*\t/y;

/** Where the line that holds `from` ends (its newline, or the end of the text). */
function lineEndIn(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** After the tab that ends the field at `start`, when the field is the number `value`; else -1. */
function numberFieldAt(text: string, start: number, value: number): number {
  const end = text.indexOf('\t', start);
  if (end <= start || end - start > 32) return -1;
  return Number(text.slice(start, end)) === value ? end + 1 : -1;
}

/**
 * A hash, no dependencies and no results (`0`), to the line's end. A sticky regular
 * expression rather than a loop over the 32 characters: V8 runs it as machine code from its second
 * use, where a loop runs interpreted for most of a short CLI process (6-7 ms of CPU over the npm tree).
 */
const EMPTY_REST = /[A-Za-z0-9_-]{32}\t\t0(?:\n|$)/y;

/**
 * A whole file line, through its newline, with a plain path (printable ASCII, no quote or
 * backslash), four number fields, a hash, no dependencies and no results (`0`). Sticky, and native code from its second use (see EMPTY_REST).
 */
const PLAIN_EMPTY_LINE =
  /"[\x20\x21\x23-\x5b\x5d-\x7e]*"\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t[A-Za-z0-9_-]{32}\t\t0(?:\n|$)/y;

/** Whether what follows a stamp at `at` is a hash, no dependencies and no results (`0`), to the line's end. */
function emptyRestAt(text: string, at: number): boolean {
  if (at < 0) return false;
  EMPTY_REST.lastIndex = at;
  return EMPTY_REST.test(text);
}

const KINDS = /^[fdlpscb?]*$/;
/** An empty, `.` or `..` name among names joined by `/`. */
const BAD_NAME = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * A folder line's listing: its kind letters and its names joined by `/` (no name holds one), in
 * walk order. Undefined when anything is off (the folder is then read): a crafted line cannot
 * name `.`, `..`, an empty name or one with a separator, so the walk never leaves the folder, and
 * every file it lists is still `lstat`ed before it is yielded.
 */
function parseListing(kinds: string, quoted: string): FolderListing | undefined {
  if (!KINDS.test(kinds)) return undefined;
  const joined = pathOf(quoted);
  if (joined === undefined || joined.includes('\0') || (path.sep !== '/' && joined.includes(path.sep))) return undefined;
  return listingOf(kinds, joined);
}

/** The listing of kind letters and names joined by `/` that hold no NUL and no other separator (see `parseListing`). */
function listingOf(kinds: string, joined: string): FolderListing | undefined {
  if (!kinds) return joined ? undefined : { names: NO_NAMES, kinds };
  // Checked on the joined names at once (a loop over each name ran interpreted: 12 ms over 18,000 names).
  if (BAD_NAME.test(joined)) return undefined;
  const names = joined.split('/');
  if (names.length !== kinds.length) return undefined;
  // In walk order, each name once (a name twice would be walked twice).
  for (let i = 1; i < names.length; i++) if (!(names[i - 1] < names[i])) return undefined;
  return { names, kinds };
}

/**
 * A whole folder line, through its newline, with a plain path, four number fields, kind letters
 * and names written plain (no escapes: the names are as they read between the quotes). Captures
 * the kinds and the joined names.
 */
const PLAIN_FOLDER_LINE =
  /\/"[\x20\x21\x23-\x5b\x5d-\x7e]*"\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t[0-9.e+-]{1,32}\t([fdlpscb?]*)\t"([\x20\x21\x23-\x5b\x5d-\x7e]*)"(?:\n|$)/y;

function sameStamp(entry: Entry, file: CachedFile): boolean {
  return entry[0] === file.size && entry[1] === file.mtimeMs && entry[2] === file.ctimeMs && entry[3] === file.ino;
}

/** An entry as written: the rest of its line after the path. */
function line(entry: Entry): string {
  const [size, mtimeMs, ctimeMs, ino, hash, siblings, stored] = entry;
  return `${size}\t${mtimeMs}\t${ctimeMs}\t${ino}\t${hash}\t${siblings}\t${stored === 0 ? '0' : asciiJson(stored)}`;
}

const HASH = /^[A-Za-z0-9_-]{32}$/;
/** Shared by every hit with nothing found (frozen: nothing may add to them). */
const NO_FINDINGS: FileScan['findings'] = Object.freeze([]) as unknown as FileScan['findings'];
const NO_NOTES: FileScan['skipped'] = Object.freeze([]) as unknown as FileScan['skipped'];
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;
const NO_NAMES: string[] = Object.freeze([]) as unknown as string[];

/** The rest of a line, parsed and checked; undefined when anything is off (the file is then scanned). */
function parseEntry(rest: string): Entry | undefined {
  const fields = rest.split('\t');
  if (fields.length !== 7) return undefined;
  const [sizeText, mtimeText, ctimeText, inoText, hash, siblings, results] = fields;
  if (!NUMBER.test(sizeText) || !NUMBER.test(mtimeText) || !NUMBER.test(ctimeText) || !NUMBER.test(inoText) || !HASH.test(hash))
    return undefined;
  let stored: unknown = 0;
  if (results !== '0') {
    try {
      stored = JSON.parse(results);
    } catch {
      return undefined;
    }
  }
  const entry: unknown[] = [Number(sizeText), Number(mtimeText), Number(ctimeText), Number(inoText), hash, siblings, stored];
  return validEntry(entry) ? entry : undefined;
}

/** The scan an entry stands for (the entry is a fresh parse: callers may annotate its findings in place). */
function scanOf(relative: string, entry: Entry): FileScan {
  const copy = entry[6];
  if (copy === 0) return { path: relative, bytes: entry[0], findings: [], suppressed: 0, skipped: [] };
  for (const f of copy.findings) f.path = relative;
  for (const s of copy.skipped) s.path = relative;
  for (const i of copy.identities ?? []) i.path = relative;
  return { path: relative, ...copy };
}

/**
 * The stored form blanks the paths (the entry's key says it; a crafted one could say otherwise).
 * The key stays in place, so a reused finding has the same shape, and JSON, as a fresh one.
 */
function withoutPaths(scan: StoredScan): StoredScan {
  return {
    bytes: scan.bytes,
    findings: scan.findings.map((f) => ({ ...f, path: '' })),
    suppressed: scan.suppressed,
    skipped: scan.skipped.map((s) => ({ ...s, path: '' })),
    ...(scan.identities?.length ? { identities: scan.identities.map((i) => ({ ...i, path: '' })) } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isString = (s: unknown): s is string => typeof s === 'string';

/** Whether a recorded value has the shape of `WalkRecord.notes`: entries of a kind that has a note. */
function isNoteList(value: unknown): value is Array<[string, string]> {
  return (
    Array.isArray(value) &&
    value.every(
      (n) => Array.isArray(n) && n.length === 2 && isString(n[0]) && walkablePath(n[0]) && isString(n[1]) && /^[lpscb]$/.test(n[1]),
    )
  );
}
const SEVERITIES = new Set(['error', 'warning', 'info']);

function validRange(r: unknown): boolean {
  if (!isObject(r) || !isObject(r.start) || !isObject(r.end)) return false;
  return isCount(r.start.line) && isCount(r.start.character) && isCount(r.end.line) && isCount(r.end.character);
}

function validOffsets(o: unknown): boolean {
  return isObject(o) && isCount(o.start) && isCount(o.end) && o.start <= o.end;
}

function validFinding(f: unknown): boolean {
  if (!isObject(f)) return false;
  for (const field of ['ruleId', 'title', 'category', 'message', 'masked', 'fingerprint', 'remediation', 'docs'])
    if (!isString(f[field])) return false;
  return (
    SEVERITIES.has(f.severity as string) && validRange(f.range) && validOffsets(f.offsets) && isObject(f.fix) && isString(f.fix.fileKind)
  );
}

function validIdentity(i: unknown): boolean {
  return (
    isObject(i) &&
    isString(i.kind) &&
    isString(i.name) &&
    isString(i.provider) &&
    isString(i.credential) &&
    Array.isArray(i.links) &&
    i.links.every(isString) &&
    validRange(i.range) &&
    validOffsets(i.offsets)
  );
}

/** The shape an entry must have to be used at all; anything else is a miss. */
function validEntry(raw: unknown): raw is Entry {
  if (!Array.isArray(raw) || raw.length !== 7) return false;
  const [size, mtimeMs, ctimeMs, ino, hash, siblings, stored] = raw as unknown[];
  // An inode past 2^53 (some file systems) is not exact as a number, but the same file gives the same number.
  if (!isCount(size) || typeof mtimeMs !== 'number' || typeof ctimeMs !== 'number' || typeof ino !== 'number' || !(ino >= 0)) return false;
  if (!isString(hash) || hash.length !== 32 || !isString(siblings)) return false;
  if (stored === 0) return true;
  if (!isObject(stored) || !isCount(stored.bytes) || !isCount(stored.suppressed)) return false;
  if (!Array.isArray(stored.findings) || !stored.findings.every(validFinding)) return false;
  if (!Array.isArray(stored.skipped) || !stored.skipped.every((s) => isObject(s) && isString(s.reason))) return false;
  return stored.identities === undefined || (Array.isArray(stored.identities) && stored.identities.every(validIdentity));
}

/**
 * The audited folder (or file) among `targets` that holds `file`, if any, comparing real paths
 * (a link cannot hide that it points inside). A cache file there is one the repository could have
 * planted: its entries could vouch for a file that holds a secret (its content hash is easy to
 * compute, and the key is mostly known: tool version, the repository's own config and baseline).
 */
export function auditedFolderHolding(file: string, targets: readonly string[]): string | undefined {
  // The file itself may not exist yet: its folder's real path, with its name.
  const real = path.join(realPathOr(path.dirname(path.resolve(file))), path.basename(file));
  for (const target of targets) {
    const folder = realPathOr(target);
    const relative = path.relative(folder, real);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return target;
  }
  return undefined;
}

function realPathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
