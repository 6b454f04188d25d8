import * as assert from 'node:assert/strict';
import { PieceStore } from '../../../engine/iac/pieceStore';

/** A store whose pieces count how often they were made. */
function counting(budget: number) {
  const store = new PieceStore<{ text: string; made: number }>(budget);
  let made = 0;
  const scan = (path: string, text: string, cuts: number[]) => {
    const lookup = store.scan(path, text);
    return cuts.map((start, i) => lookup.pieceAt(start, cuts[i + 1] ?? text.length, (piece) => ({ text: piece, made: ++made })));
  };
  return { scan, made: () => made };
}

describe('PieceStore: pieces of a file kept from its last scan', () => {
  it('finds a piece where it was, moved by the edit, or elsewhere by its text; makes only new ones', () => {
    const { scan, made } = counting(1000);
    const first = scan('a', 'aaa|bbb|ccc|', [0, 4, 8]);
    assert.equal(made(), 3);
    // An edit in the first piece: the others moved by its length.
    const second = scan('a', 'aaXa|bbb|ccc|', [0, 5, 9]);
    assert.equal(made(), 4);
    assert.equal(second[1], first[1]);
    assert.equal(second[2], first[2]);
    assert.equal(second[0].text, 'aaXa|');
    // Pieces swapped: found by their text.
    const third = scan('a', 'ccc|bbb|aaXa|', [0, 4, 8]);
    assert.equal(made(), 4);
    assert.deepEqual(third, [first[2], first[1], second[0]]);
    // The same text twice in one scan: one piece.
    const fourth = scan('a', 'bbb|bbb|', [0, 4]);
    assert.equal(fourth[0], fourth[1]);
    assert.equal(made(), 4);
  });

  it('keeps only the last scan of a path, and the files scanned last within the budget', () => {
    const { scan, made } = counting(20);
    scan('a', 'aaa|bbb|', [0, 4]);
    scan('a', 'ccc|', [0]);
    scan('a', 'aaa|', [0]); // `aaa|` was in the scan before last: made again
    assert.equal(made(), 4);
    scan('b', 'x'.repeat(12), [0]); // a (4) + b (12) fit in 20
    scan('a', 'aaa|', [0]);
    assert.equal(made(), 5);
    scan('c', 'y'.repeat(12), [0]); // b (12) + a (4) + c (12): b, scanned least recently, is dropped
    scan('a', 'aaa|', [0]);
    scan('b', 'x'.repeat(12), [0]);
    assert.equal(made(), 7);
  });
});
