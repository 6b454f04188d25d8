import type { FileScan } from '../files/fileReader';

/**
 * A batch's scans as a worker sends them back. Most files of a tree have nothing to report, and
 * the structured clone of each one's whole `FileScan` (path, empty lists) cost about a
 * microsecond per file on each side, besides the objects the calling thread then collected as
 * garbage: such a file crosses as its byte count alone, and the calling thread, which knows the
 * batch's paths, rebuilds it.
 */
export interface PackedScans {
  id: number;
  /** Bytes read of each file of the batch, in its order. */
  bytes: number[];
  /** The scans with more to tell than their bytes, whole, and their places in the batch. */
  full: FileScan[];
  fullAt: number[];
}

/** Whether a scan says nothing but how many bytes were read (see `PackedScans`). */
function bytesOnly(scan: FileScan): boolean {
  return (
    !scan.findings.length &&
    !scan.skipped.length &&
    !scan.suppressed &&
    scan.identities === undefined &&
    scan.hash === undefined &&
    scan.unchanged === undefined &&
    scan.larger === undefined
  );
}

export function packScans(id: number, scans: FileScan[]): PackedScans {
  const packed: PackedScans = { id, bytes: new Array<number>(scans.length), full: [], fullAt: [] };
  for (let i = 0; i < scans.length; i++) {
    const scan = scans[i];
    packed.bytes[i] = scan.bytes;
    if (!bytesOnly(scan)) {
      packed.full.push(scan);
      packed.fullAt.push(i);
    }
  }
  return packed;
}

/** The batch's scans again, in its order; `paths` are the batch's files' relative paths. */
export function unpackScans(packed: PackedScans, paths: readonly string[]): FileScan[] {
  const scans = new Array<FileScan>(packed.bytes.length);
  for (let i = 0; i < packed.full.length; i++) scans[packed.fullAt[i]] = packed.full[i];
  for (let i = 0; i < scans.length; i++) {
    scans[i] ??= { path: paths[i], bytes: packed.bytes[i], findings: [], suppressed: 0, skipped: [] };
  }
  return scans;
}
