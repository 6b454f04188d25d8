import * as assert from 'node:assert/strict';
import { KeywordIndex } from '../../engine/secrets/keywordIndex';
import { Rng } from '../support/seededRandom';

describe('KeywordIndex (Aho–Corasick prefilter)', () => {
  const hits = (keywords: string[], text: string) => {
    const out: [string, number, number][] = [];
    new KeywordIndex(keywords).scan(text, (k, offset, lineStart) => out.push([keywords[k], offset, lineStart]));
    return out;
  };

  it('finds overlapping keywords case-insensitively, at their last character', () => {
    assert.deepEqual(hits(['ghp_', 'hp_', 'token'], 'x GHP_a\nTOKEN'), [
      ['ghp_', 5, 0],
      ['hp_', 5, 0],
      ['token', 12, 8],
    ]);
  });

  it('reports the start of the line each hit is on', () => {
    assert.deepEqual(hits(['akia'], 'a\nbb\n  AKIA'), [['akia', 10, 5]]);
  });

  it('ignores non-ASCII characters without losing its place', () => {
    assert.deepEqual(hits(['key'], 'ké key'), [['key', 5, 0]]);
  });

  it('rejects non-ASCII keywords', () => {
    assert.throws(() => new KeywordIndex(['clé']), /not ASCII/);
  });

  // The automaton works out most transitions while it scans (a lazy DFA): every hit a plain
  // search finds must come out, on a fresh index and on one whose table earlier texts filled in.
  it('finds exactly what a plain search finds, on a fresh index and on a reused one', () => {
    const rng = new Rng(1013);
    const alphabet = 'abcab_-x\nABé';
    const keywords = [...new Set(Array.from({ length: 60 }, () => rng.chars('abcx_-', 1 + rng.int(6))))];
    const reused = new KeywordIndex(keywords);
    for (let round = 0; round < 40; round++) {
      const text = rng.chars(alphabet, 400);
      const expected: [number, number, number][] = [];
      const lower = text.toLowerCase();
      for (let end = 0; end < text.length; end++) {
        keywords.forEach((k, id) => {
          const start = end - k.length + 1;
          if (start >= 0 && lower.startsWith(k, start)) expected.push([id, end, text.lastIndexOf('\n', end) + 1]);
        });
      }
      const found = (index: KeywordIndex) => {
        const out: [number, number, number][] = [];
        index.scan(text, (k, offset, lineStart) => out.push([k, offset, lineStart]));
        return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      };
      expected.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      assert.ok(expected.length > 0);
      assert.deepEqual(found(new KeywordIndex(keywords)), expected);
      assert.deepEqual(found(reused), expected);
    }
  });
});
