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
}

/** What the audit cache asks of a read: hash the content, and skip the scan when it hashes to `expect`. */
export interface HashRequest {
  hash: (buffer: Uint8Array) => string;
  expect?: string;
}

/**
 * One read buffer per thread, grown as needed: a fresh Buffer per file would churn the C heap,
 * whose freed blocks stay resident (glibc keeps an arena per thread).
 */
let readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Opens for reading what the walker saw as a regular file, without following a link and without
 * blocking: if the entry was swapped for a link or a FIFO since, the open or the fstat says so
 * and nothing is read (a FIFO opened for reading would wait for a writer forever).
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

class NotRegular extends Error {}

function readWhole(engine: Engine, absolute: string): Buffer | NotRegular {
  const fd = fs.openSync(absolute, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return new NotRegular(notRegularReason(stat));
    const tooLarge = engine.skipReason(stat.size, '');
    if (tooLarge) return new NotRegular(tooLarge);
    const size = stat.size;
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
    let filled = 0;
    while (filled < size) {
      const n = fs.readSync(fd, readBuffer, filled, size - filled, filled);
      if (n === 0) break; // the file shrank while we read it
      filled += n;
    }
    return readBuffer.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads one file and scans it; size and binary checks happen before decoding. */
export function scanFile(engine: Engine, absolute: string, relative: string, inventory = false, hashing?: HashRequest): FileScan {
  const result: FileScan = { path: relative, bytes: 0, findings: [], suppressed: 0, skipped: [] };
  const skip = (reason: string) => {
    result.skipped.push({ path: relative, reason });
    return result;
  };
  let read: Buffer | NotRegular;
  try {
    read = readWhole(engine, absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return skip('became a symbolic link after the walk: not followed');
    return skip(`cannot read: ${code ?? (error as Error).message}`);
  }
  if (read instanceof NotRegular) return skip(read.message);
  const buffer = read;
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
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const scan = engine.scan({ path: relative, text }, { inventory });
  result.findings = scan.findings;
  if (scan.identities?.length) result.identities = scan.identities;
  result.suppressed = scan.suppressed;
  result.skipped.push(...scan.skipped);
  return result;
}
