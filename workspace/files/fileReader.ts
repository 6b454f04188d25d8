import * as fs from 'node:fs';
import type { Engine, Finding, IdentityRecord, SkipNote } from '../../engine';

/** What scanning one file on disk produced. */
export interface FileScan {
  path: string;
  bytes: number;
  findings: Finding[];
  suppressed: number;
  skipped: SkipNote[];
  identities?: IdentityRecord[];
}

/**
 * One read buffer per thread, grown as needed: a fresh Buffer per file would churn the C heap,
 * whose freed blocks stay resident (glibc keeps an arena per thread).
 */
let readBuffer = Buffer.allocUnsafe(256 * 1024);

function readWhole(absolute: string, size: number): Buffer {
  if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
  const fd = fs.openSync(absolute, 'r');
  try {
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
export function scanFile(engine: Engine, absolute: string, relative: string, inventory = false): FileScan {
  const result: FileScan = { path: relative, bytes: 0, findings: [], suppressed: 0, skipped: [] };
  const skip = (reason: string) => {
    result.skipped.push({ path: relative, reason });
    return result;
  };
  let buffer: Buffer;
  try {
    const size = fs.statSync(absolute).size;
    const tooLarge = engine.skipReason(size, '');
    if (tooLarge) return skip(tooLarge);
    buffer = readWhole(absolute, size);
  } catch (error) {
    return skip(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  result.bytes = buffer.length;
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
