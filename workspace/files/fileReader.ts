import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import type { Engine, Finding, IdentityRecord, SkipNote } from '../../engine';
import { notRegularReason } from './fileKinds';

/** What scanning one file on disk produced. */
export interface FileScan {
  path: string;
  bytes: number;
  findings: Finding[];
  suppressed: number;
  skipped: SkipNote[];
  identities?: IdentityRecord[];
  /** Content hash of what was read (when asked for: the audit cache). */
  hash?: string;
  /** The content hash was the expected one: nothing was scanned, the cached results hold. */
  unchanged?: boolean;
  /** Not scanned: the file is larger than the `readLimit` asked for. Its size, for whoever reads it instead. */
  larger?: number;
  /** The file's stamp from an `fstat` of what was read, taken before reading it (when asked for: `HashRequest.stamp`). */
  stamp?: ReadStamp;
  /** The folders whose files the results also depend on (`ScanResult.reads`). */
  reads?: string[];
}

/**
 * A file's stamp as the audit cache keeps it, from the `fstat` of the descriptor the content was
 * read through, taken before the read: a write after it sets a later mtime and ctime, so the
 * stamp never vouches for content newer than it (taken after the read, it could pair a new stamp
 * with old content, and a later audit would trust stale results).
 */
export interface ReadStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** What the audit cache asks of a read: hash the content, and skip the scan when it hashes to `expect`. */
export interface HashRequest {
  hash: (buffer: Uint8Array) => string;
  expect?: string;
  /**
   * Also take the file's stamp (`FileScan.stamp`) from an `fstat` before the read: the walk did
   * not look the file up (a first `--cache` audit walks as one without the cache does), and the
   * cache's line for it needs one.
   */
  stamp?: boolean;
}

/**
 * One read buffer per thread, grown as needed: a fresh Buffer per file would churn the C heap,
 * whose freed blocks stay resident (glibc keeps an arena per thread).
 */
let readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Opens for reading what the walker saw as a regular file, without following a link and without
 * blocking: if the entry was swapped for a link since, the open fails (ELOOP); a FIFO opened
 * this way does not wait for a writer, and a read of it returns at once.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

class NotRegular extends Error {}

/** A read with its stamp (`readStamped`). */
interface Stamped {
  buffer: Buffer;
  stamp: ReadStamp;
}

/** A regular file over the read limit asked for, left unread (see `scanFile`). */
class Larger {
  constructor(readonly size: number) {}
}

/**
 * The file's bytes. With the size the walk saw (`expected`), one read of one byte more than
 * that is all it takes when the file still has that size: a regular file returns fewer bytes
 * than asked only at its end, so `expected` bytes back means the whole file (an fstat per file
 * was a tenth of the reading's system time on the npm tree). Without it (the walk did not look
 * the file up), one read of what the buffer holds, up to one byte over the size limit: fewer
 * bytes back, but some, is the whole file on the same grounds (the fstat cost 1.2 us a file).
 * Any other count (the file grew, shrank, is empty or no longer a regular file: a FIFO without
 * a writer reads as empty, a device as full), a failed read: the fstat says what it is now, and
 * a regular file is read to the size it gives, as before. (An entry swapped for a FIFO after the
 * walk whose writer has already written reads as a short file, as it would with a walked size
 * equal to what the writer wrote: that much is scanned, never more than the buffer.)
 */
function readWhole(engine: Engine, absolute: string, expected?: number, limit = Number.POSITIVE_INFINITY): Buffer | NotRegular | Larger {
  const fd = fs.openSync(absolute, OPEN_FLAGS);
  try {
    if (expected === undefined) {
      const ask = Math.min(readBuffer.length, engine.maxFileBytes + 1, limit + 1);
      let n = -1;
      try {
        n = fs.readSync(fd, readBuffer, 0, ask, 0);
      } catch {
        /* as below */
      }
      if (n > 0 && n < ask) return readBuffer.subarray(0, n);
    } else if (expected > 0 && !engine.skipReason(expected, '')) {
      if (readBuffer.length <= expected) readBuffer = Buffer.allocUnsafe(Math.max(expected + 1, readBuffer.length * 2));
      let n = -1;
      try {
        n = fs.readSync(fd, readBuffer, 0, expected + 1, 0);
      } catch {
        /* a FIFO without data (EAGAIN), a folder (EISDIR): the fstat below says what it is */
      }
      if (n === expected) return readBuffer.subarray(0, n);
    }
    return readToSize(engine, fd, fs.fstatSync(fd), limit);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of the open file `fd` whose `fstat` is `stat`, up to that size; or why it is not read. */
function readToSize(engine: Engine, fd: number, stat: fs.Stats, limit: number): Buffer | NotRegular | Larger {
  if (!stat.isFile()) return new NotRegular(notRegularReason(stat));
  const tooLarge = engine.skipReason(stat.size, '');
  if (tooLarge) return new NotRegular(tooLarge);
  if (stat.size > limit) return new Larger(stat.size);
  const size = stat.size;
  if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
  let filled = 0;
  while (filled < size) {
    const n = fs.readSync(fd, readBuffer, filled, size - filled, filled);
    if (n === 0) break; // the file shrank while we read it
    filled += n;
  }
  return readBuffer.subarray(0, filled);
}

/**
 * The file's bytes and its stamp, the `fstat` first (see `ReadStamp`): the descriptor was opened
 * without following a link, so the stamp is of the regular file read, or the entry is skipped
 * for what it is now (a link swapped in fails the open, a folder or FIFO fails `isFile`). The
 * size it gives also tells a file over `limit` without reading it. The file is read to that size,
 * as `readWhole` reads one whose size changed since the walk: a write after the stamp gives the
 * file a later mtime and ctime than it records, so the next audit reads it again.
 */
function readStamped(engine: Engine, absolute: string, limit = Number.POSITIVE_INFINITY): Stamped | NotRegular | Larger {
  const fd = fs.openSync(absolute, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    const read = readToSize(engine, fd, stat, limit);
    if (read instanceof NotRegular || read instanceof Larger) return read;
    return { buffer: read, stamp: { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino } };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The text of a file's bytes: UTF-8 without its BOM. Most source is pure ASCII, which decodes
 * to the same string as Latin-1, and Latin-1 decoding is a plain copy (the UTF-8 decoder costs
 * about twice as much per byte); an ASCII file has no BOM.
 */
export function decodeText(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads one file and scans it; size and binary checks happen before decoding. `walkedSize` is
 * the size the walk saw, when it did: it saves asking the file system again (see `readWhole`).
 * Without it, a file of more than `readLimit` bytes is neither read nor scanned: the result says
 * how large it is (`larger`). Its first read then asks for one byte over the limit, which is how
 * the audit's calling thread finds out, at the cost of that read, that a file it did not look up
 * is one to leave to a worker. With `hashing.stamp`, the file's `fstat` comes first and gives its
 * stamp (`FileScan.stamp`) and size: `walkedSize` is not used, and a larger file is not read.
 */
export function scanFile(
  engine: Engine,
  absolute: string,
  relative: string,
  inventory = false,
  hashing?: HashRequest,
  walkedSize?: number,
  readLimit?: number,
): FileScan {
  const result: FileScan = { path: relative, bytes: 0, findings: [], suppressed: 0, skipped: [] };
  const skip = (reason: string) => {
    result.skipped.push({ path: relative, reason });
    return result;
  };
  let read: Buffer | Stamped | NotRegular | Larger;
  try {
    read = hashing?.stamp ? readStamped(engine, absolute, readLimit) : readWhole(engine, absolute, walkedSize, readLimit);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return skip('became a symbolic link after the walk: not followed');
    return skip(`cannot read: ${code ?? (error as Error).message}`);
  }
  if (read instanceof NotRegular) return skip(read.message);
  if (read instanceof Larger) {
    result.larger = read.size;
    return result;
  }
  let buffer: Buffer;
  if ('stamp' in read) {
    buffer = read.buffer;
    result.stamp = read.stamp;
  } else buffer = read;
  result.bytes = buffer.length;
  if (hashing) {
    result.hash = hashing.hash(buffer);
    if (result.hash === hashing.expect) {
      result.unchanged = true;
      return result;
    }
  }
  const binary = engine.skipReason(buffer.length, buffer);
  if (binary) return skip(binary);
  const scan = engine.scan({ path: relative, text: decodeText(buffer) }, { inventory });
  result.findings = scan.findings;
  if (scan.identities?.length) result.identities = scan.identities;
  if (scan.reads) result.reads = scan.reads;
  result.suppressed = scan.suppressed;
  result.skipped.push(...scan.skipped);
  return result;
}
