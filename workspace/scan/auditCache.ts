import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileScan } from '../files/fileReader';
import { userCacheFolder } from '../files/userCacheFolder';

/** node:crypto, loaded on first use: with the streams it pulls in, a few ms of every start-up. */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto') as typeof Crypto;
}

/**
 * Per-file audit results kept between audits (CLI `--cache`, the language server's audit), so a
 * second audit of an unchanged tree reads only what changed.
 *
 * A file's results are reused when its size and mtime are what they were (and the mtime was
 * older than the audit that recorded it, so a write in the same clock tick cannot slip by), else
 * when the content hash is the same. A `.tf` file's results also depend on the other `.tf` files
 * of its folder (provider `default_tags`): their names, sizes and mtimes are part of its entry.
 * The whole cache belongs to one key: tool version, rules, config, baseline and what was asked
 * (inventory); any change to one of them starts afresh.
 *
 * What is stored is what a JSON report shows: findings with masked values and fingerprints,
 * never a secret value (the engine's findings never carry one). The file is bounded in size,
 * read only when it is a regular file under the bound, and each entry is checked before use: a
 * corrupt or crafted cache is ignored (that entry or all of it), never trusted for a path the walk
 * did not yield itself, and never crashes an audit.
 *
 * The file is lines: a JSON header (format, version, key, folder, when the audit started), then
 * one line per file, `"path"<TAB>size<TAB>mtimeMs<TAB>hash<TAB>siblings<TAB>results`, the path a
 * JSON string and the results JSON (`0`: nothing at all). A warm audit indexes the lines by path
 * and parses only the entries of the files the walk yields (most are `0`), and writes back the
 * lines it reused as they were: one JSON document of every entry cost a warm audit of 9,000 files
 * more to parse and check than its whole walk (bench/RESULTS.md, issue 13).
 */

const FORMAT = 'nhi-lens audit cache';
const FORMAT_VERSION = 2;
/** Larger cache files are not read (and entries past it are not written). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** A file with more findings than this is rescanned each time rather than cached. */
const MAX_FINDINGS_PER_ENTRY = 1000;
/** Cache files kept in the default folder (one per audited folder and key), the least recent removed first. */
const MAX_CACHE_FILES = 32;
/** Clock granularity and skew allowance: an mtime this close to the recording audit's start is not trusted alone. */
const RACY_MS = 2000;

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

/** Where an audited folder's cache lives by default: the user's cache folder, one file per folder and key. */
export function defaultAuditCacheFile(root: string, key: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = crypto()
    .createHash('sha256')
    .update(`${realPathOr(root)}\0${key}`)
    .digest('hex')
    .slice(0, 32);
  return path.join(userCacheFolder(env), 'audit', `${name}.json`);
}

/** A file's content hash, as the cache keeps it. */
export function contentHash(buffer: Uint8Array): string {
  return crypto().createHash('sha256').update(buffer).digest('base64url').slice(0, 32);
}

/** Scan results as stored: everything but the path, which is the entry's key. */
type StoredScan = Omit<FileScan, 'path'>;

/** [size, mtimeMs, content hash, sibling signature ('' when none), results (0 when nothing at all)] */
type Entry = [number, number, string, string, StoredScan | 0];

/** What the cache knows of a walked file. */
export type Lookup =
  /** Reuse these results as they are. */
  | { scan: FileScan }
  /** Read the file; if its content hash is `hash`, the cached results hold (see `confirm`). */
  | { hash: string }
  /** Nothing usable: scan it. */
  | undefined;

export class AuditCache {
  /** The previous audit's entries, by path: the rest of each line, parsed only when the walk yields that path. */
  private readonly previous: Map<string, string>;
  /** When the audit that wrote the previous entries started (epoch ms). */
  private readonly previousStart: number;
  /** This audit's new or changed entries as they will be written (the rest of each line). */
  private readonly next = new Map<string, string>();
  /**
   * Paths whose previous line is kept as it was. Only a list: on an unchanged tree (every file
   * here) nothing is written, so building the whole next cache would be wasted.
   */
  private readonly reused: string[] = [];
  private nextBytes = 0;
  /** Something differs from the file as read (a fresh scan, a new mtime, a file gone): it must be written. */
  private changed = false;
  private readonly startedAt = Date.now();
  private readonly siblingSignatures = new Map<string, string>();
  /** Why the previous content was not used (absent when it was, or when there was none). */
  readonly ignored?: string;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    private readonly key: string,
    private readonly root: string,
    loaded: { entries: Map<string, string>; startedAt: number } | string | undefined,
  ) {
    if (typeof loaded === 'string') this.ignored = loaded;
    this.previous = typeof loaded === 'object' ? loaded.entries : new Map();
    this.previousStart = typeof loaded === 'object' ? loaded.startedAt : 0;
  }

  /** Opens the cache at `file` for this key and folder; a missing, corrupt or foreign file just starts empty. */
  static open(file: string, key: string, root: string): AuditCache {
    const realRoot = realPathOr(root);
    return new AuditCache(file, key, realRoot, load(file, key, realRoot));
  }

  /** What is known of a walked file (by its root-relative path, size and mtime). */
  lookup(relative: string, absolute: string, size: number, mtimeMs: number): Lookup {
    const raw = this.previous.get(relative);
    if (raw === undefined) return undefined;
    // Most files of a warm audit: unchanged, nothing found, no sibling files. Their line is
    // recognised whole, without parsing it into an entry (a third of the lookups' cost).
    if (!relative.endsWith('.tf') && mtimeMs < this.previousStart - RACY_MS && raw.startsWith(`${size}\t${mtimeMs}\t`)) {
      if (EMPTY_REST.test(raw.slice(raw.indexOf('\t', raw.indexOf('\t') + 1) + 1))) {
        this.reuse(relative, raw);
        return { scan: { path: relative, bytes: size, findings: NO_FINDINGS, suppressed: 0, skipped: NO_NOTES } };
      }
    }
    const entry = parseEntry(raw);
    if (!entry || entry[0] !== size || entry[3] !== this.siblingSignature(relative, absolute)) return undefined;
    if (entry[1] === mtimeMs && mtimeMs < this.previousStart - RACY_MS) {
      this.reuse(relative, this.previous.get(relative)!);
      return { scan: scanOf(relative, entry) };
    }
    return { hash: entry[2] };
  }

  /** The file was read and its hash is the cached one: its cached results, kept for the next audit with its new mtime. */
  confirm(relative: string, mtimeMs: number): FileScan | undefined {
    const entry = this.entry(relative);
    if (!entry) return undefined;
    if (entry[1] === mtimeMs) this.reuse(relative, this.previous.get(relative)!);
    else {
      this.changed = true;
      this.keep(relative, line([entry[0], mtimeMs, entry[2], entry[3], entry[4]]));
    }
    return scanOf(relative, entry);
  }

  /** Records a fresh scan of a file that was read whole (`hash` of its content). */
  record(scan: FileScan, absolute: string, size: number, mtimeMs: number, hash: string): void {
    this.misses++;
    this.changed = true;
    if (scan.findings.length > MAX_FINDINGS_PER_ENTRY) return;
    const { path: relative, ...stored } = scan;
    const empty = !stored.findings.length && !stored.skipped.length && !stored.suppressed && !stored.identities?.length;
    const entry: Entry = [size, mtimeMs, hash, this.siblingSignature(relative, absolute), empty ? 0 : withoutPaths(stored)];
    this.keep(relative, line(entry), false);
  }

  /**
   * Writes the entries of this audit (only those: files gone since are forgotten), atomically,
   * unless they are exactly what was read. Never throws; false when it could not write.
   */
  save(): boolean {
    if (!this.changed && !this.next.size && this.reused.length === this.previous.size && this.ignored === undefined && this.previousStart) {
      try {
        const now = new Date();
        fs.utimesSync(this.file, now, now); // still in use: pruned last
      } catch {
        /* only its place in the pruning order is at stake */
      }
      return true;
    }
    const header = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key: this.key, root: this.root, startedAt: this.startedAt });
    const parts = [header];
    for (const relative of this.reused) parts.push(`${JSON.stringify(relative)}\t${this.previous.get(relative)}`);
    for (const [relative, rest] of this.next) parts.push(`${JSON.stringify(relative)}\t${rest}`);
    const text = `${parts.join('\n')}\n`;
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(temp, text, { mode: 0o600 });
      fs.renameSync(temp, this.file);
      return true;
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        /* nothing more to do: the next audit starts without a cache */
      }
      return false;
    }
  }

  /** The previous entry of a path, parsed afresh (callers may change what it returns) and checked; undefined when unusable. */
  private entry(relative: string): Entry | undefined {
    const raw = this.previous.get(relative);
    return raw === undefined ? undefined : parseEntry(raw);
  }

  /** A previous line kept as it was (a hit). */
  private reuse(relative: string, rest: string): void {
    this.hits++;
    if (this.fits(relative, rest)) this.reused.push(relative);
  }

  private keep(relative: string, rest: string, hit = true): void {
    if (hit) this.hits++;
    if (this.fits(relative, rest)) this.next.set(relative, rest);
  }

  /** Bounded: past the budget, files are rescanned next time instead (UTF-16 length: close enough). */
  private fits(relative: string, rest: string): boolean {
    const size = rest.length + relative.length + 8;
    if (this.nextBytes + size > MAX_CACHE_BYTES - 4096) {
      this.changed = true;
      return false;
    }
    this.nextBytes += size;
    return true;
  }

  /** Names, sizes and mtimes of a `.tf` file's folder's `.tf` files ('' for other files). */
  private siblingSignature(relative: string, absolute: string): string {
    if (!relative.endsWith('.tf')) return '';
    const dir = path.dirname(absolute);
    let signature = this.siblingSignatures.get(dir);
    if (signature === undefined) {
      const parts: string[] = [];
      try {
        for (const name of fs.readdirSync(dir).sort()) {
          if (!name.endsWith('.tf')) continue;
          try {
            const stat = fs.lstatSync(path.join(dir, name));
            parts.push(`${name}:${stat.size}:${stat.mtimeMs}`);
          } catch {
            parts.push(`${name}:gone`);
          }
        }
      } catch {
        parts.push('unreadable');
      }
      signature = crypto().createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22);
      this.siblingSignatures.set(dir, signature);
    }
    return signature;
  }
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

function load(file: string, key: string, root: string): { entries: Map<string, string>; startedAt: number } | string | undefined {
  let text: string;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > MAX_CACHE_BYTES) return 'larger than the limit';
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
  const headerEnd = text.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(headerEnd < 0 ? text : text.slice(0, headerEnd));
  } catch {
    return 'corrupt';
  }
  if (!isObject(header) || header.format !== FORMAT || header.version !== FORMAT_VERSION) return 'not an nhi-lens audit cache';
  if (header.key !== key) return 'made with other rules, config, baseline or version';
  if (header.root !== root) return 'made for another folder';
  if (typeof header.startedAt !== 'number' || headerEnd < 0) return 'corrupt';
  // Only indexed here: an entry is parsed and checked when the walk yields its path.
  const entries = new Map<string, string>();
  for (let start = headerEnd + 1; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab > start + 1 && tab < end && text.charCodeAt(start) === QUOTE && text.charCodeAt(tab - 1) === QUOTE) {
      const relative = pathOf(text.slice(start, tab));
      if (relative !== undefined) entries.set(relative, text.slice(tab + 1, end));
    }
    start = end + 1;
  }
  return { entries, startedAt: header.startedAt };
}

const QUOTE = 0x22;

/** A line's path, a JSON string (parsed only when it has escapes). */
function pathOf(quoted: string): string | undefined {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An entry as written: the rest of its line after the path. */
function line(entry: Entry): string {
  return `${entry[0]}\t${entry[1]}\t${entry[2]}\t${entry[3]}\t${entry[4] === 0 ? '0' : JSON.stringify(entry[4])}`;
}

const HASH = /^[A-Za-z0-9_-]{32}$/;
/** Shared by every hit with nothing found (frozen: nothing may add to them). */
const NO_FINDINGS: FileScan['findings'] = Object.freeze([]) as unknown as FileScan['findings'];
const NO_NOTES: FileScan['skipped'] = Object.freeze([]) as unknown as FileScan['skipped'];
/** What follows size and mtime in the line of a file with no results and no sibling files. */
const EMPTY_REST = /^[A-Za-z0-9_-]{32}\t\t0$/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

/** The rest of a line, parsed and checked; undefined when anything is off (the file is then scanned). */
function parseEntry(rest: string): Entry | undefined {
  const fields = rest.split('\t');
  if (fields.length !== 5) return undefined;
  const [sizeText, mtimeText, hash, siblings, results] = fields;
  if (!NUMBER.test(sizeText) || !NUMBER.test(mtimeText) || !HASH.test(hash)) return undefined;
  let stored: unknown = 0;
  if (results !== '0') {
    try {
      stored = JSON.parse(results);
    } catch {
      return undefined;
    }
  }
  const entry: unknown[] = [Number(sizeText), Number(mtimeText), hash, siblings, stored];
  return validEntry(entry) ? entry : undefined;
}

/** The scan an entry stands for (the entry is a fresh parse: callers may annotate its findings in place). */
function scanOf(relative: string, entry: Entry): FileScan {
  const copy = entry[4];
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
  if (!Array.isArray(raw) || raw.length !== 5) return false;
  const [size, mtimeMs, hash, siblings, stored] = raw as unknown[];
  if (!isCount(size) || typeof mtimeMs !== 'number' || !isString(hash) || hash.length !== 32 || !isString(siblings)) return false;
  if (stored === 0) return true;
  if (!isObject(stored) || !isCount(stored.bytes) || !isCount(stored.suppressed)) return false;
  if (!Array.isArray(stored.findings) || !stored.findings.every(validFinding)) return false;
  if (!Array.isArray(stored.skipped) || !stored.skipped.every((s) => isObject(s) && isString(s.reason))) return false;
  return stored.identities === undefined || (Array.isArray(stored.identities) && stored.identities.every(validIdentity));
}

function realPathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
