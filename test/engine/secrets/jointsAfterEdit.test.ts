import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jointsAfterEdit, jointsIn } from '../../../engine/secrets/joinedLiterals';
import { editedLines, SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { defaultEngine } from '../../support/engineFixture';
import { ALNUM, Rng } from '../../support/seededRandom';

/** What joints are made of and what stands around them: quotes, blanks, operators, line breaks, words. */
const PIECES = [
  '"',
  "'",
  ' ',
  '\t',
  '+',
  '.',
  '\n',
  '\r\n',
  'ab',
  'x = ',
  '"ab" +\n  "cd"',
  "'ab' . 'cd'",
  '""',
  '# note\n',
  'k'.repeat(40),
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join(''));
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((p) => p.join('')),
});
const applyEdit = (before: string, e: { at: number; remove: number; insert: string }) => {
  const at = e.at % (before.length + 1);
  return before.slice(0, at) + e.insert + before.slice(Math.min(before.length, at + e.remove));
};

describe('string literal joints kept across edits', () => {
  it('are what a fresh pass over the edited text finds, after any series of edits', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 10 }), (base, edits) => {
        let current = base;
        let joints = jointsIn(current);
        for (const e of edits) {
          const next = applyEdit(current, e);
          joints = jointsAfterEdit(next, joints, editedLines(current, next));
          assert.deepEqual(joints, jointsIn(next), JSON.stringify([current, next]));
          current = next;
        }
      }),
      { seed: 77, numRuns: 1500 },
    );
  });

  it('reads only around the edit: joints far before and after it are the last ones, moved', () => {
    const line = "const a = 'x' + 'y';\n";
    const before = line.repeat(50);
    const after = before.slice(0, line.length * 25) + 'z' + before.slice(line.length * 25);
    const joints = jointsAfterEdit(after, jointsIn(before), editedLines(before, after));
    assert.equal(joints.length, 100);
    assert.deepEqual(joints, jointsIn(after));
    assert.equal(joints[99] - jointsIn(before)[99], 1, 'the last joint moved by the typed character');
  });

  it('reads on when the edit ends inside a joint the last pass found', () => {
    // The new joint `''` ends inside the last pass's `' '`: the pass goes on from there and finds `''` after it.
    const before = "x' ''";
    const after = "'' ''";
    assert.deepEqual(jointsAfterEdit(after, jointsIn(before), editedLines(before, after)), [0, 2, 3, 5]);
    assert.deepEqual(jointsIn(after), [0, 2, 3, 5]);
  });

  it('an open document where a token is split over literals, then joined and split again, finds what a fresh scan finds', () => {
    const rng = new Rng(7);
    // A Slack bot token made at run time, split over two literals.
    const token = `xoxb-${rng.chars('0123456789', 12)}-${rng.chars('0123456789', 13)}-${rng.chars(ALNUM, 24)}`;
    const filler = Array.from({ length: 400 }, (_, i) => `const v${i} = 'a ' + ' b';`).join('\n');
    const split = `${filler}\nconst t = '${token.slice(0, 20)}' +\n  '${token.slice(20)}';\n${filler}\n`;
    const engine = defaultEngine();
    const path = 'src/app.ts';
    const view = (text: string, memo?: SecretLineMemo) => JSON.stringify(engine.scan({ path, text }, memo ? { memo } : {}).findings);
    const memo = new SecretLineMemo();
    const variants = [split, split.replace("' +\n  '", "' -\n  '"), split, split.replace(`${filler}\nconst t`, `${filler}\n\nconst t`)];
    const found = variants.map((v) => {
      const kept = view(v, memo);
      assert.equal(kept, view(v));
      return JSON.parse(kept).filter((f: { ruleId: string }) => f.ruleId.includes('slack')).length;
    });
    assert.deepEqual(found, [1, 0, 1, 1], 'the split token is found while its literals are joined');
  });
});
