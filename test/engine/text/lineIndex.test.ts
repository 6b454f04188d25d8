import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../engine/text/lineIndex';
import { Rng } from '../../support/seededRandom';

// The index finds line starts only as far as a question needs them: asked in any order, it must
// answer what every line start of the text gives.
describe('LineIndex', () => {
  const expected = (text: string) => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const positionAt = (offset: number) => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      return { line, character: offset - starts[line] };
    };
    return { starts, positionAt };
  };

  it('answers positions, offsets and line starts asked in any order as the whole list of line starts gives them', () => {
    const rng = new Rng(8101);
    for (let round = 0; round < 150; round++) {
      const text = rng.chars('ab \n\r\n', rng.int(60));
      const { starts, positionAt } = expected(text);
      const index = new LineIndex(text);
      for (let q = 0; q < 12; q++) {
        const offset = rng.int(text.length + 3);
        const line = rng.int(starts.length + 2);
        switch (rng.int(5)) {
          case 0:
            assert.deepEqual(index.positionAt(offset), positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
            break;
          case 1: {
            const character = rng.int(8);
            const next = line + 1 < starts.length ? starts[line + 1] : text.length;
            const want = line >= starts.length ? text.length : Math.min(starts[line] + character, next);
            assert.equal(index.offsetAt({ line, character }, text.length), want, `${JSON.stringify(text)} ${line}:${character}`);
            break;
          }
          case 2:
            assert.equal(index.lineStart(line), starts[line] ?? starts[starts.length - 1], `${JSON.stringify(text)} line ${line}`);
            break;
          case 3:
            assert.equal(index.nextLineStart(line), starts[line + 1], `${JSON.stringify(text)} after line ${line}`);
            break;
          default:
            assert.equal(index.lineCount, starts.length, JSON.stringify(text));
        }
      }
      assert.deepEqual(index.rangeAt(0, text.length), { start: positionAt(0), end: positionAt(text.length) });
    }
  });
});
