import * as assert from 'node:assert/strict';
import { KeywordIndex } from '../../engine/secrets/keywordIndex';
import { secretKeywords } from '../../engine/secrets/secretScanner';
import { builtinRules, testEngine } from '../support/engineFixture';
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

  // The build writes the built-in rules' automaton as data (dist/builtin-rules.json) and every
  // engine loads it instead of building one: loaded, it must behave as the one it was made from.
  it('an automaton loaded from its data (through JSON) finds what the built one finds', () => {
    const rng = new Rng(2027);
    const keywords = [...new Set(Array.from({ length: 80 }, () => rng.chars('abcx_-', 1 + rng.int(7))))];
    const built = new KeywordIndex(keywords);
    const loaded = new KeywordIndex(keywords, JSON.parse(JSON.stringify(built.toData())));
    for (let round = 0; round < 20; round++) {
      const text = rng.chars('abcab_-x\nABé', 500);
      const hits = (index: KeywordIndex) => {
        const out: number[][] = [];
        index.scan(text, (k, offset, lineStart) => out.push([k, offset, lineStart]));
        return out;
      };
      const expected = hits(built);
      assert.ok(expected.length > 0);
      assert.deepEqual(hits(loaded), expected);
    }
    assert.equal(loaded.idOf(keywords[3]), 3);
    assert.equal(loaded.idOf('not-a-keyword-here'), undefined);
    // Loaded, it gives back the data it was loaded from (the build writes a loaded one's data too).
    assert.deepEqual(loaded.toData(), built.toData());
    const reloaded = new KeywordIndex(keywords, loaded.toData());
    assert.deepEqual(reloaded.toData(), built.toData());
  });

  describe('the engine with a prebuilt automaton', () => {
    const secretDefinitions = () =>
      builtinRules()
        .map((r) => r.definition)
        .filter((d) => d.category === 'secret' && !d.check);
    const text = [
      `github_token = "${['ghp', 'Zq8Lm3Vx0Kc5Rt9Wb2Yn6Hs4Jd7Fg1Pa3Ze5'].join('_')}"`,
      `slack = "${['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-')}"`,
      `password = "${['Tr0ub4dor', '3xYz!q9'].join('&')}"`,
    ].join('\n');
    const findings = (options: Parameters<typeof testEngine>[0]) =>
      testEngine(options)
        .scan({ path: 'src/settings.py', text })
        .findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);

    it('finds the same with the data of all built-in keywords, of a superset, or none', () => {
      const keywords = secretKeywords(secretDefinitions());
      const expected = findings({});
      assert.ok(expected.length >= 2, expected.join());
      assert.deepEqual(findings({ keywordIndex: new KeywordIndex(keywords).toData() }), expected);
      assert.deepEqual(findings({ keywordIndex: new KeywordIndex(['zz-extra', ...keywords.reverse()]).toData() }), expected);
    });

    it('builds its own automaton when the data lacks a keyword the rules need', () => {
      const keywords = secretKeywords(secretDefinitions());
      const expected = findings({});
      // Without the keywords of the rules that found something, a scanner using this data would miss them.
      const partial = keywords.filter((k) => !['ghp_', 'xoxb-', 'password'].includes(k));
      assert.ok(partial.length < keywords.length);
      assert.deepEqual(findings({ keywordIndex: new KeywordIndex(partial).toData() }), expected);
    });

    it('asks for the data (half the compiled rules file) only when it first scans a text', () => {
      const keywords = secretKeywords(secretDefinitions());
      const expected = findings({});
      const asked: string[] = [];
      const engine = testEngine({
        keywordIndex: () => (asked.push('keywords'), new KeywordIndex(keywords).toData()),
        patternReadings: () => (asked.push('readings'), new Map()),
      });
      assert.ok(engine.rules.length > 100);
      assert.deepEqual(asked, [], 'a warm cached audit makes an engine and scans nothing');
      const scan = () =>
        engine.scan({ path: 'src/settings.py', text }).findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);
      assert.deepEqual(scan(), expected);
      assert.deepEqual(asked.sort(), ['keywords', 'readings']);
      assert.deepEqual(scan(), expected);
      assert.equal(asked.length, 2, 'asked once');
    });
  });
});
