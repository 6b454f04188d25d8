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

  it('an empty batch, and a batch where every file reports something', () => {
    assert.deepEqual(unpackScans(packScans(1, []), []), []);
    const all = [{ ...plain('a.js', 1), suppressed: 1 }];
    const packed = packScans(2, all);
    assert.deepEqual(packed.fullAt, [0]);
    assert.deepEqual(unpackScans(packed, ['a.js']), all);
  });
});
