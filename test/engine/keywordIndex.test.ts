import * as assert from 'node:assert/strict';
import { KeywordIndex } from '../../engine/secrets/keywordIndex';

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
});
