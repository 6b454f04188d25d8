import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** node:crypto, loaded on first use: with the streams it pulls in, a few ms of every start-up. */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto') as typeof Crypto;
}

/** A regular file's exact bytes, read for an edit that must not overwrite a later change. */
export interface FileSnapshot {
  absolute: string;
  bytes: Buffer;
}

/** Reads a regular file whole (no symbolic links, no devices), at most `maxBytes`. */
export function snapshotFile(absolute: string, maxBytes: number): FileSnapshot | string {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
  } catch (error) {
    return `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`;
  }
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size > maxBytes) return `larger than ${Math.round(maxBytes / 1024)} KiB`;
  try {
    return { absolute, bytes: fs.readFileSync(absolute) };
  } catch (error) {
    return `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`;
  }
}

function unchanged(snapshot: FileSnapshot): boolean {
  try {
    const stat = fs.lstatSync(snapshot.absolute);
    return stat.isFile() && stat.size === snapshot.bytes.length && fs.readFileSync(snapshot.absolute).equals(snapshot.bytes);
  } catch {
    return false;
  }
}

/**
 * Replaces a file's content through a temporary file in the same folder and a rename, so a
 * reader sees the old file or the new one, never half of one; the mode is kept. Nothing is
 * written when the file no longer holds the snapshot's bytes (someone edited it since):
 * returns false then. The check runs again just before the rename to keep that window small.
 */
export function replaceFileIfUnchanged(snapshot: FileSnapshot, content: Buffer): boolean {
  if (!unchanged(snapshot)) return false;
  const { absolute } = snapshot;
  const stat = fs.statSync(absolute);
  const temp = path.join(path.dirname(absolute), `.${path.basename(absolute)}.nhi-lens-${crypto().randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, stat.mode & 0o7777);
    if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fs.chownSync(temp, stat.uid, stat.gid);
    if (!unchanged(snapshot)) return false;
    fs.renameSync(temp, absolute);
    renamed = true;
    return true;
  } finally {
    if (!renamed) fs.rmSync(temp, { force: true });
  }
}
