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
  /**
   * With the audit cache: the content hash of each file of the batch, HASH_CHARS characters each
   * (spaces for a file not read), joined. A hash alone made every scan cross whole: on a 1 GB
   * tree 146,000 cloned objects, read back and collected by the calling thread.
   */
  hashes?: string;
  /**
   * With the audit cache, a first audit: the stamp the reader took of each such file of the batch
   * (`FileScan.stamp`), STAMP_FIELDS numbers each (NaN for none), in one array for the same reason.
   */
  stamps?: Float64Array;
}

/** size, mtimeMs, ctimeMs, ino. */
const STAMP_FIELDS = 4;

/** The length of a content hash as the audit cache keeps it (`contentHash`). */
const HASH_CHARS = 32;
const NO_HASH = ' '.repeat(HASH_CHARS);

/** Whether a scan says nothing but how many bytes were read, and maybe its hash and stamp (see `PackedScans`). */
function bytesOnly(scan: FileScan): boolean {
  return (
    !scan.findings.length &&
    !scan.skipped.length &&
    !scan.suppressed &&
    scan.identities === undefined &&
    scan.reads === undefined &&
    (scan.hash === undefined || scan.hash.length === HASH_CHARS) &&
    scan.unchanged === undefined &&
    scan.larger === undefined
  );
}

export function packScans(id: number, scans: FileScan[]): PackedScans {
  const packed: PackedScans = { id, bytes: new Array<number>(scans.length), full: [], fullAt: [] };
  let hashes: string[] | undefined;
  for (let i = 0; i < scans.length; i++) {
    const scan = scans[i];
    packed.bytes[i] = scan.bytes;
    if (!bytesOnly(scan)) {
      packed.full.push(scan);
      packed.fullAt.push(i);
      continue; // crosses whole, its hash and stamp with it
    }
    if (scan.hash !== undefined) {
      hashes ??= new Array<string>(scans.length).fill(NO_HASH);
      hashes[i] = scan.hash;
    }
    if (scan.stamp) {
      const stamps = (packed.stamps ??= new Float64Array(scans.length * STAMP_FIELDS).fill(Number.NaN));
      const at = i * STAMP_FIELDS;
      stamps[at] = scan.stamp.size;
      stamps[at + 1] = scan.stamp.mtimeMs;
      stamps[at + 2] = scan.stamp.ctimeMs;
      stamps[at + 3] = scan.stamp.ino;
    }
  }
  if (hashes) packed.hashes = hashes.join('');
  return packed;
}

/** The batch's scans again, in its order; `paths` are the batch's files' relative paths. */
export function unpackScans(packed: PackedScans, paths: readonly string[]): FileScan[] {
  const scans = new Array<FileScan>(packed.bytes.length);
  for (let i = 0; i < packed.full.length; i++) scans[packed.fullAt[i]] = packed.full[i];
  const { hashes, stamps } = packed;
  for (let i = 0; i < scans.length; i++) {
    if (scans[i]) continue;
    const scan: FileScan = { path: paths[i], bytes: packed.bytes[i], findings: [], suppressed: 0, skipped: [] };
    const hash = hashes?.slice(i * HASH_CHARS, (i + 1) * HASH_CHARS);
    if (hash && hash !== NO_HASH) scan.hash = hash;
    const at = i * STAMP_FIELDS;
    if (stamps && !Number.isNaN(stamps[at]))
      scan.stamp = { size: stamps[at], mtimeMs: stamps[at + 1], ctimeMs: stamps[at + 2], ino: stamps[at + 3] };
    scans[i] = scan;
  }
  return scans;
}
