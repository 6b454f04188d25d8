import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportChunks } from '../report/reportStream';
import { openFreshFile } from '../workspace/files/freshFile';

/** Pieces are gathered up to this size before a write: a write per finding would be 66,000 system calls. */
const WRITE_BYTES = 1 << 20;

/** The chunks gathered into pieces of about WRITE_BYTES. */
function* gathered(chunks: ReportChunks): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= WRITE_BYTES) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

function writeAll(fd: number, chunks: ReportChunks): void {
  for (const piece of gathered(chunks)) {
    const bytes = Buffer.from(piece, 'utf8');
    for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  }
}

/**
 * Writes a report as it is rendered, through a temporary file and a rename, so a failed run
 * never leaves half a report and memory holds one piece of it at a time.
 */
export function writeReportFile(file: string, chunks: ReportChunks): void {
  // A device or pipe (`--output /dev/null`, `/dev/stdout`) is written to, never renamed over (as root that would replace /dev/null).
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
    const fd = fs.openSync(file, 'w');
    try {
      return writeAll(fd, chunks);
    } finally {
      fs.closeSync(fd);
    }
  }
  const temp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = openFreshFile(temp);
  try {
    writeAll(fd, chunks);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
}

/** Writes a report to standard output as it is rendered, waiting whenever the reader is behind. */
export async function writeReportStdout(chunks: ReportChunks, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  for (const piece of gathered(chunks)) {
    if (out.write(piece)) continue;
    // Wait for the reader; a reader that went away (EPIPE, closed) ends the wait too.
    await new Promise<void>((resolve) => {
      const done = () => {
        out.removeListener('drain', done);
        out.removeListener('error', done);
        out.removeListener('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('error', done);
      out.once('close', done);
    });
  }
}
