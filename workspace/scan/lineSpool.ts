import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bytes gathered before one write to the spool file. */
const STAGE_BYTES = 256 * 1024;

/**
 * ASCII lines put aside in a file of their own while an audit runs, read back whole once it is
 * over: the audit cache's new entries. Kept as strings until the end, an audit of a 1 GB tree
 * (146,000 files) held ~110 MB of them in the heap (each line a tree of concatenated pieces), and
 * the collector went over them again and again; on disk they cost a write per 256 KiB.
 *
 * The file is created anew (never an existing one, never through a link) next to the cache file,
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

  /** Every line kept, as one buffer (the spool's own size, at most `maxBytes`); undefined after a failure. */
  contents(): Buffer | undefined {
    if (this.failure !== undefined) return undefined;
    if (this.fd === undefined) return this.stage.subarray(0, this.staged);
    if (!this.flush()) return undefined;
    const all = Buffer.allocUnsafe(this.flushed);
    try {
      for (let at = 0; at < all.length;) {
        const n = fs.readSync(this.fd, all, at, all.length - at, at);
        if (n <= 0) throw new Error('the spool file was cut short');
        at += n;
      }
    } catch (error) {
      this.failure = (error as Error).message;
      return undefined;
    }
    return all;
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
    // 'wx': O_CREAT | O_EXCL, which neither opens an existing file nor follows a link.
    this.fd = fs.openSync(this.file, 'wx+', 0o600);
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
