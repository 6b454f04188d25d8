import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import { openFreshFile } from '../files/freshFile';

/** Bytes gathered before one write. */
const STAGE_BYTES = 256 * 1024;

/**
 * Writes the audit cache file as a stream of ASCII lines, 256 KiB at a time, and ends it with
 * a line that carries the SHA-256 of everything before it (the cache's end line). Built as one
 * string, the file of a 1 GB tree (27 MB) was held two or three times over at the end of its
 * first audit: its lines, the joined text, and its bytes to write.
 */
export class ChecksummedWriter {
  private readonly fd: number;
  private readonly stage = Buffer.allocUnsafe(STAGE_BYTES);
  private staged = 0;
  private written = 0;
  private readonly hash: Crypto.Hash;

  /** Creates `file` anew (never through what is at its name: `openFreshFile`), readable by its owner only. */
  constructor(file: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.hash = (require('node:crypto') as typeof Crypto).createHash('sha256');
    this.fd = openFreshFile(file, 0o600);
  }

  /** Bytes so far. */
  get size(): number {
    return this.written + this.staged;
  }

  /** A line of ASCII text, its newline added. */
  line(text: string): void {
    if (this.staged + text.length + 1 > this.stage.length) this.flush();
    if (text.length + 1 > this.stage.length) {
      this.put(Buffer.from(`${text}\n`, 'latin1'));
      return;
    }
    this.staged += this.stage.write(text, this.staged, 'latin1');
    this.stage[this.staged++] = 0x0a;
  }

  /** Bytes `start` to `end` of `source` as they are (whole lines, their newlines included). */
  bytes(source: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.staged + length > this.stage.length) this.flush();
    if (length > this.stage.length) {
      this.put(source.subarray(start, end));
      return;
    }
    this.staged += source.copy(this.stage, this.staged, start, end);
  }

  /** Ends the file with `prefix`, the checksum of everything before it (base64url) and a newline, and closes it. */
  end(prefix: string): void {
    this.flush();
    const last = Buffer.from(`${prefix}${this.hash.digest('base64url')}\n`, 'latin1');
    this.write(last);
    fs.closeSync(this.fd);
  }

  /** Closes the file as it is (the caller removes it). Never throws. */
  abandon(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* closed already */
    }
  }

  private flush(): void {
    if (!this.staged) return;
    this.put(this.stage.subarray(0, this.staged));
    this.staged = 0;
  }

  /** Hashes and writes bytes that are not staged (or the stage itself). */
  private put(bytes: Buffer): void {
    this.hash.update(bytes);
    this.write(bytes);
  }

  private write(bytes: Buffer): void {
    for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at, bytes.length - at, this.written + at);
    this.written += bytes.length;
  }
}
