import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PieceStore } from '../../../engine/iac/pieceStore';

/** Texts of short lines; pieces are cut at some line starts, as documents and blocks are. */
const line = fc.constantFrom('a: 1', 'b: 2', '---', 'c: 3', '', 'a: 1');
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.constantFrom('x', '\n', 'a: 1\n', '---\n', '') });
const cutsOf = (text: string, every: number) => {
  const cuts = [0];
  for (let i = text.indexOf('\n'), n = 1; i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1), n++)
    if (n % every === 0) cuts.push(i + 1);
  return cuts;
};

describe('PieceStore: pieces found again inside what an edit left unchanged', () => {
  it('every piece handed out holds the text where it is now, after any series of edits', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 40 }),
        fc.array(edit, { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (lines, edits, every) => {
          const store = new PieceStore<{ text: string }>(1 << 20);
          let text = lines.join('\n') + '\n';
          const check = () => {
            const cuts = cutsOf(text, every);
            const lookup = store.scan('f', text);
            cuts.forEach((start, i) => {
              const end = cuts[i + 1] ?? text.length;
              assert.equal(lookup.pieceAt(start, end, (piece) => ({ text: piece })).text, text.slice(start, end), JSON.stringify(text));
            });
          };
          check();
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
            check();
          }
        },
      ),
      { seed: 31, numRuns: 2000 },
    );
  });
});
