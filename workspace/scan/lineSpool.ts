import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFreshFile } from '../files/freshFile';

/** Bytes gathered before one write to the spool file. */
const STAGE_BYTES = 256 * 1024;
/** What is read back at a time, and how many such blocks are kept (see `copy`). */
const BLOCK_BYTES = 64 * 1024;
const MAX_BLOCKS = 16;

/**
 * ASCII lines put aside in a file of their own while an audit runs, read back whole once it is
 * over: the audit cache's new entries. Kept as strings until the end, an audit of a 1 GB tree
 * (146,000 files) held ~110 MB of them in the heap (each line a tree of concatenated pieces), and
 * the collector went over them again and again; on disk they cost a write per 256 KiB.
 *
 * The file is created anew (whatever is at its name is removed first, never written through) next to the cache file,
 * readable by its owner only, and removed at once where the system allows it (it lives on while
 * open); else on `close`. At most `maxBytes` are kept: a line past them is refused.
 */
export class LineSpool {
  private fd?: number;
  /** Its name, while it is still to be removed. */
  private name?: string;
  private stage = Buffer.allocUnsafe(STAGE_BYTES);
  private staged = 0;
  /** Bytes written to the file. */
  private flushed = 0;
  /** Blocks read back, by index, the least recently read first. */
  private readonly blocks = new Map<number, Buffer>();
  /** Why lines could not be kept (the file could not be made or written). */
  failure?: string;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
  ) {}

  /** Bytes kept so far. */
  get size(): number {
    return this.flushed + this.staged;
  }

  /** Appends a line (ASCII, without its newline): where it starts, or -1 when it is not kept (over the bound, or a failure). */
  append(line: string): number {
    const start = this.size;
    const bytes = line.length + 1;
    if (this.failure !== undefined || start + bytes > this.maxBytes) return -1;
    if (this.staged + bytes > this.stage.length) {
      if (!this.flush()) return -1;
      if (bytes > this.stage.length) this.stage = Buffer.allocUnsafe(bytes);
    }
    this.staged += this.stage.write(line, this.staged, 'latin1');
    this.stage[this.staged++] = 0x0a;
    return start;
  }

  /** Done appending: the lines can be read back (`copy`). False after a failure. */
  finish(): boolean {
    return this.failure === undefined && (this.fd === undefined || this.flush());
  }

  /**
   * Hands `length` bytes from `start` to `sink`, in one or two pieces (valid only during the
   * call). Read back a block of BLOCK_BYTES at a time, the last MAX_BLOCKS kept: the lines are
   * asked for in walk order, which is almost the order they came in, so each block is mostly
   * read once, and never the whole spool at once (27 MB for a 1 GB tree). Throws when the file
   * cannot be read.
   */
  copy(start: number, length: number, sink: (bytes: Buffer, start: number, end: number) => void): void {
    if (this.fd === undefined) {
      sink(this.stage, start, start + length);
      return;
    }
    if (length > BLOCK_BYTES) {
      const bytes = Buffer.allocUnsafe(length);
      this.readAt(bytes, length, start);
      sink(bytes, 0, length);
      return;
    }
    const first = Math.floor(start / BLOCK_BYTES);
    const offset = start - first * BLOCK_BYTES;
    const inFirst = Math.min(length, BLOCK_BYTES - offset);
    sink(this.block(first), offset, offset + inFirst);
    if (inFirst < length) sink(this.block(first + 1), 0, length - inFirst);
  }

  /** Block `index` of the file, from the kept ones or read now. */
  private block(index: number): Buffer {
    const kept = this.blocks.get(index);
    if (kept) return kept;
    let bytes: Buffer;
    if (this.blocks.size < MAX_BLOCKS) bytes = Buffer.allocUnsafe(BLOCK_BYTES);
    else {
      const [oldest, reused] = this.blocks.entries().next().value as [number, Buffer];
      this.blocks.delete(oldest);
      bytes = reused;
    }
    this.readAt(bytes, Math.min(BLOCK_BYTES, this.flushed - index * BLOCK_BYTES), index * BLOCK_BYTES);
    this.blocks.set(index, bytes);
    return bytes;
  }

  private readAt(bytes: Buffer, length: number, position: number): void {
    for (let at = 0; at < length;) {
      const n = fs.readSync(this.fd!, bytes, at, length - at, position + at);
      if (n <= 0) throw new Error('the spool file was cut short');
      at += n;
    }
  }

  /** Closes and removes the file. Never throws. */
  close(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* closed already */
      }
      this.fd = undefined;
    }
    this.blocks.clear();
    this.removeName();
  }

  /** Writes the staged bytes out (making the file first): false on a failure. */
  private flush(): boolean {
    if (!this.staged) return true;
    try {
      if (this.fd === undefined) this.open();
      for (let at = 0; at < this.staged;) at += fs.writeSync(this.fd!, this.stage, at, this.staged - at, this.flushed + at);
      this.flushed += this.staged;
      this.staged = 0;
      return true;
    } catch (error) {
      this.failure = (error as Error).message;
      this.close();
      return false;
    }
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Its name is predictable (the cache file's, a process id): whatever is there is removed, never opened.
    this.fd = openFreshFile(this.file, 0o600, 'wx+');
    this.name = this.file;
    if (process.platform !== 'win32') this.removeName();
  }

  private removeName(): void {
    if (this.name === undefined) return;
    try {
      fs.rmSync(this.name, { force: true });
      this.name = undefined;
    } catch {
      /* a file left in the cache folder: removed with the next close, or it stays (it holds no secret) */
    }
  }
}
