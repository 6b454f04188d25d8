import * as assert from 'node:assert/strict';
import type { FileScan } from '../../workspace/files/fileReader';
import { packScans, unpackScans } from '../../workspace/scan/batchResults';

/** A scan with nothing to report, as the reader returns it. */
const plain = (path: string, bytes: number): FileScan => ({ path, bytes, findings: [], suppressed: 0, skipped: [] });

describe('batch results between a worker and the calling thread', () => {
  it('sends files with nothing to report as their byte count, and gives back the same scans in order', () => {
    const finding = { ruleId: 'some-rule', path: 'b.js' } as unknown as FileScan['findings'][number];
    const scans: FileScan[] = [
      plain('a.js', 10),
      { ...plain('b.js', 20), findings: [finding] },
      plain('c.js', 0),
      { ...plain('d.bin', 30), skipped: [{ path: 'd.bin', reason: 'binary file not scanned' }] },
      { ...plain('e.js', 40), suppressed: 2 },
      { ...plain('f.tf', 50), identities: [] },
      { ...plain('g.js', 60), hash: 'h1' },
      { ...plain('h.js', 70), hash: 'h2', unchanged: true },
      plain('i.js', 80),
    ];
    const packed = packScans(7, scans);
    assert.equal(packed.id, 7);
    assert.deepEqual(packed.bytes, [10, 20, 0, 30, 40, 50, 60, 70, 80]);
    assert.deepEqual(packed.fullAt, [1, 3, 4, 5, 6, 7], 'findings, skip notes, suppressions, identities, hashes cross whole');
    assert.deepEqual(
      packed.full.map((s) => s.path),
      ['b.js', 'd.bin', 'e.js', 'f.tf', 'g.js', 'h.js'],
    );
    const back = unpackScans(
      structuredClone(packed),
      scans.map((s) => s.path),
    );
    assert.deepEqual(back, scans);
  });

  it("with the audit cache, a content hash alone does not make a scan cross whole: the batch's hashes travel as one string", () => {
    // Hashes as contentHash makes them (32 base64url characters), built at run time.
    const hash = (n: number) => `${String(n).padStart(4, '0')}${'x'.repeat(28)}`;
    const finding = { ruleId: 'some-rule', path: 'b.js' } as unknown as FileScan['findings'][number];
    const scans: FileScan[] = [
      { ...plain('a.js', 10), hash: hash(1) },
      { ...plain('b.js', 20), hash: hash(2), findings: [finding] },
      { ...plain('c.bin', 0), skipped: [{ path: 'c.bin', reason: 'too large' }] },
      plain('d.js', 5),
      { ...plain('e.js', 30), hash: hash(3) },
      { ...plain('f.js', 40), hash: hash(4), unchanged: true },
      { ...plain('k8s/deployment.yaml', 50), hash: hash(5), reads: ['k8s'] },
    ];
    const packed = packScans(3, scans);
    assert.deepEqual(
      packed.fullAt,
      [1, 2, 5, 6],
      'findings, skip notes, an unchanged file and the folders a scan read beside it cross whole; a hash alone does not',
    );
    assert.equal(packed.hashes?.length, 7 * 32);
    assert.deepEqual(
      unpackScans(
        structuredClone(packed),
        scans.map((s) => s.path),
      ),
      scans,
      'each hash back on its own file; none on a file that was not hashed',
    );
    assert.equal(packScans(4, [plain('a.js', 1)]).hashes, undefined, 'no hashes without the cache');
  });

  it("a first --cache audit: the stamps the worker's reads took travel as one array, each back on its own file", () => {
    const hash = (n: number) => `${String(n).padStart(4, '0')}${'x'.repeat(28)}`;
    const stamp = (n: number) => ({
      size: n,
      mtimeMs: 1_700_000_000_000.125 + n,
      ctimeMs: 1_700_000_000_500.5 + n,
      ino: 9_007_199_254_740 + n,
    });
    const finding = { ruleId: 'some-rule', path: 'b.js' } as unknown as FileScan['findings'][number];
    const scans: FileScan[] = [
      { ...plain('a.js', 10), hash: hash(1), stamp: stamp(10) },
      { ...plain('b.js', 20), hash: hash(2), stamp: stamp(20), findings: [finding] },
      { ...plain('c.js', 0), skipped: [{ path: 'c.js', reason: 'became a symbolic link after the walk: not followed' }] },
      plain('d.js', 5),
      { ...plain('e.js', 0), hash: hash(3), stamp: stamp(0) },
    ];
    const packed = packScans(5, scans);
    assert.deepEqual(packed.fullAt, [1, 2], 'a stamp alone does not make a scan cross whole');
    assert.equal(packed.stamps?.length, 5 * 4);
    assert.deepEqual(
      unpackScans(
        structuredClone(packed),
        scans.map((s) => s.path),
      ),
      scans,
      'each stamp back on its own file, exactly; none on a file without one',
    );
    assert.equal(packScans(6, [{ ...plain('a.js', 1), hash: hash(1) }]).stamps, undefined, 'no stamps when none was taken');
  });

  it('an empty batch, and a batch where every file reports something', () => {
    assert.deepEqual(unpackScans(packScans(1, []), []), []);
    const all = [{ ...plain('a.js', 1), suppressed: 1 }];
    const packed = packScans(2, all);
    assert.deepEqual(packed.fullAt, [0]);
    assert.deepEqual(unpackScans(packed, ['a.js']), all);
  });
});
