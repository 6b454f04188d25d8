import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ScanResult } from '../../../engine';
import { SecretLineMemo, editedLines } from '../../../engine/secrets/lineMemo';
import { KeywordIndex } from '../../../engine/secrets/keywordIndex';
import { builtinRules, defaultEngine, testEngine } from '../../support/engineFixture';

/**
 * Lines to build documents from: every secret rule's own examples (positives find something,
 * negatives are the near misses), plus lines that open and close multiline matches, context
 * words, suppression comments and a Kubernetes Secret with base64 data.
 */
function linePool(): string[] {
  const lines = new Set<string>();
  for (const { definition } of builtinRules()) {
    if (definition.category !== 'secret') continue;
    for (const example of [...definition.examples.positive, ...definition.examples.negative]) {
      for (const line of (typeof example === 'string' ? example : example.text).split('\n')) if (line.trim()) lines.add(line);
    }
  }
  for (const extra of [
    'kind: Secret',
    'data:',
    '  password: aHVudGVyMmh1bnRlcjI=',
    '# nhi-lens:ignore',
    '// nhi-lens:ignore-next-line',
    'env:',
    '  - name: DATABASE_PASSWORD',
    '    value: "Kq8#mZ2vT9xL"',
    '-----BEGIN RSA PRIVATE KEY-----',
    '-----END RSA PRIVATE KEY-----',
    'const x = 1;',
    '',
  ])
    lines.add(extra);
  return [...lines];
}

const PATHS = [
  'src/app.ts',
  'config/.env',
  'app/settings.py',
  'deploy/app.yaml',
  'infra/main.tf',
  'conf/app.json',
  'notes.md',
  'test/fixture.ts',
];

/** What a client sees of a scan (the findings, the notes, the suppressed count). */
const view = (r: ScanResult) => JSON.stringify({ findings: r.findings, skipped: r.skipped, suppressed: r.suppressed });

describe('secret line memo: a document scanned again after edits', () => {
  const pool = linePool();
  const engine = defaultEngine();

  it('random edits: the memoised scan equals a fresh scan of the same text, every time', () => {
    const line = fc.constantFrom(...pool);
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.array(line, { maxLength: 3 }).map((ls) => ls.join('\n')),
        fc.constantFrom('a', '"', '\n', ' ', '=', 'x'),
        fc.string({ maxLength: 6 }),
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.array(edit, { maxLength: 12 }),
        (path, lines, edits) => {
          let text = lines.join('\n') + '\n';
          const memo = new SecretLineMemo();
          assert.equal(view(engine.scan({ path, text }, { memo })), view(engine.scan({ path, text })));
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
            assert.equal(
              view(engine.scan({ path, text }, { memo })),
              view(engine.scan({ path, text })),
              `after an edit at ${at} of ${path}`,
            );
          }
        },
      ),
      { seed: 4242, numRuns: 150 },
    );
  });

  it('typing at random places of a long document (line feeds, deletions across lines): same as a fresh scan, other lines reused', () => {
    const line = fc.constantFrom(...pool);
    const keystroke = fc.record({
      at: fc.nat(),
      remove: fc.constantFrom(0, 0, 0, 1, 2, 30),
      insert: fc.constantFrom('', 'a', '"', '\n', '\r\n', '=', ' ', 'K', '#', 'x\ny'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        fc.array(line, { minLength: 20, maxLength: 60 }),
        fc.array(keystroke, { minLength: 5, maxLength: 25 }),
        (path, lines, keys) => {
          let text = lines.join('\n') + '\n';
          const memo = new SecretLineMemo();
          engine.scan({ path, text }, { memo });
          let cursor = 0;
          for (const [i, k] of keys.entries()) {
            // Mostly where the last keystroke was, as a typist does; sometimes elsewhere.
            cursor = i % 4 === 0 ? k.at % (text.length + 1) : Math.min(cursor, text.length);
            text = text.slice(0, cursor) + k.insert + text.slice(Math.min(text.length, cursor + k.remove));
            cursor += k.insert.length;
            assert.equal(
              view(engine.scan({ path, text }, { memo })),
              view(engine.scan({ path, text })),
              `keystroke ${i} at ${cursor} of ${path}`,
            );
          }
        },
      ),
      { seed: 1717, numRuns: 120 },
    );
    // And the lines outside the edit were not matched again.
    const memo = new SecretLineMemo();
    let text = pool.slice(0, 200).join('\n') + '\n';
    engine.scan({ path: 'src/app.ts', text }, { memo });
    const at = text.indexOf('\n', text.length >> 1);
    text = text.slice(0, at) + 'x' + text.slice(at);
    engine.scan({ path: 'src/app.ts', text }, { memo });
    assert.ok(memo.size <= 1, `${memo.size} lines matched again after one typed character`);
  });

  it('multiline rules over a document longer than their windows: windows before and after the edit reused, same as a fresh scan', () => {
    // Multiline matches (PEM blocks, env name/value pairs, variable defaults) among many lines, so
    // that windows (16 KB from each keyword line) lie wholly before the edit, across it, and after.
    const multiline = builtinRules()
      .filter(({ definition }) => definition.category === 'secret' && definition.multiline)
      .flatMap(({ definition }) => definition.examples.positive.map((e) => (typeof e === 'string' ? e : e.text)));
    assert.ok(multiline.length >= 5);
    const keystroke = fc.record({
      at: fc.nat(),
      remove: fc.constantFrom(0, 0, 1, 40),
      insert: fc.constantFrom('', 'a', '"', '\n', '-----', ' ', 'value: ', '\n-----END RSA PRIVATE KEY-----\n'),
    });
    let reused = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('deploy/app.yaml', 'infra/main.tf', 'src/app.ts'),
        fc.array(fc.oneof(fc.constantFrom(...multiline), fc.constantFrom(...pool)), { minLength: 450, maxLength: 650 }),
        fc.array(keystroke, { minLength: 3, maxLength: 8 }),
        (path, pieces, keys) => {
          let text = pieces.join('\n') + '\n';
          const memo = new SecretLineMemo();
          engine.scan({ path, text }, { memo });
          for (const [i, k] of keys.entries()) {
            const at = k.at % (text.length + 1);
            text = text.slice(0, at) + k.insert + text.slice(Math.min(text.length, at + k.remove));
            assert.equal(
              view(engine.scan({ path, text }, { memo })),
              view(engine.scan({ path, text })),
              `keystroke ${i} at ${at} of ${path}`,
            );
          }
          reused += memo.reusedWindows;
        },
      ),
      { seed: 919, numRuns: 12 },
    );
    assert.ok(reused > 100, `${reused} windows reused`);
  });

  it('an edit inside a multiline match, with or without keyword lines before it whose windows reach it: same as a fresh scan', () => {
    const rules = builtinRules().filter(({ definition }) => definition.category === 'secret' && definition.multiline);
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    let checked = 0;
    for (const { definition } of rules) {
      const keyword = definition.keywords?.[0];
      for (const example of definition.examples.positive) {
        const e = typeof example === 'string' ? example : example.text;
        // Keyword lines 8 KB and 100 characters before the example (their windows hold it), or none.
        for (const before of [`// ${keyword} one\n${filler(300)}\n// ${keyword} two\n${filler(3)}\n`, `${filler(300)}\n`]) {
          const text = `${before}${e}\n${filler(600)}\n`;
          const path = 'deploy/app.yaml';
          const memo = new SecretLineMemo();
          engine.scan({ path, text }, { memo });
          const fresh = engine.scan({ path, text });
          if (!fresh.findings.length) continue; // a rule for another kind of file
          for (const offset of [1, e.length >> 2, e.length >> 1, e.length - 2]) {
            const at = before.length + offset;
            for (const edited of [text.slice(0, at) + '"' + text.slice(at + 1), text.slice(0, at) + text.slice(at + (e.length >> 2))]) {
              assert.equal(
                view(engine.scan({ path, text: edited }, { memo })),
                view(engine.scan({ path, text: edited })),
                `${definition.id} at ${offset}`,
              );
              assert.equal(view(engine.scan({ path, text }, { memo })), view(fresh), `${definition.id} restored`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked >= 40, `${checked} edits checked`);
  });

  it('editedLines: the text before `from` and after `to` is the old text, shifted after', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r') }),
        fc.nat(),
        fc.nat({ max: 5 }),
        fc.string({ unit: fc.constantFrom('a', '\n'), maxLength: 4 }),
        (before, at, remove, insert) => {
          const p = at % (before.length + 1);
          const after = before.slice(0, p) + insert + before.slice(p + remove);
          const { from, to, delta } = editedLines(before, after);
          assert.equal(delta, after.length - before.length);
          assert.ok(from === 0 || after[from - 1] === '\n', 'from starts a line');
          assert.ok(to === after.length || after[to] === '\n', 'to ends a line');
          assert.equal(after.slice(0, from), before.slice(0, from));
          assert.equal(after.slice(to), before.slice(to - delta));
          const { prefix, suffix, withinLine } = editedLines(before, after);
          assert.equal(
            withinLine,
            !before.slice(prefix, before.length - suffix).includes('\n') && !after.slice(prefix, after.length - suffix).includes('\n'),
          );
        },
      ),
      { seed: 99, numRuns: 2000 },
    );
  });

  it('keyword hits after an edit (on one line or across lines): exactly those of the automaton over the whole text, in its order', () => {
    // Keywords inside others, sharing ends or starts: the cases where a hit can start in the edit and end after it.
    const keywords = ['key', 'akeys', 'api_key', 'keys', 'token', 'to', 'secret', 'ecre'];
    const index = new KeywordIndex(keywords);
    const owner = {};
    const all = (text: string) => {
      const hits: number[] = [];
      index.scan(text, (k, o, l) => hits.push(k, o, l));
      return hits;
    };
    const piece = fc.constantFrom('key', 'akeys', 'api_', 'tok', 'en', 's', 'ecret', 'a', ' ', '\n', 'x');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.array(piece, { maxLength: 3 }) }), { maxLength: 10 }),
        (pieces, edits) => {
          let text = pieces.join('');
          const memo = new SecretLineMemo();
          const viaMemo = () => {
            const hits: number[] = [];
            memo.begin(owner, 'typescript', text);
            memo.keywordHits(
              (from, to, lineStart, hit) => index.scan(text, hit, from, to, lineStart),
              (k) => keywords[k].length,
              index.longest,
              (k, o, l) => hits.push(k, o, l),
            );
            memo.end();
            return hits;
          };
          assert.deepEqual(viaMemo(), all(text));
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
            assert.deepEqual(viaMemo(), all(text), JSON.stringify(text));
          }
        },
      ),
      { seed: 2024, numRuns: 1500 },
    );
  });

  it('reuses unchanged lines and keeps only the lines of the last scan', () => {
    const memo = new SecretLineMemo();
    const first = 'AWS_ACCESS_KEY_ID = "AKIATGOKENEFHORM6SCL"\npassword = "Zq8mT2vX9kLw"\n';
    const before = engine.scan({ path: 'a.py', text: first }, { memo });
    assert.equal(before.findings.length, 2);
    assert.equal(memo.size, 2);
    // One line changed: the other comes from the memo, at its new offset.
    const second = `# a comment\n${first.replace('Zq8mT2vX9kLw', 'Zq8mT2vX9kLwQ')}`;
    const after = engine.scan({ path: 'a.py', text: second }, { memo });
    assert.equal(view(after), view(engine.scan({ path: 'a.py', text: second })));
    assert.deepEqual(
      after.findings.map((f) => f.range.start.line),
      [1, 2],
    );
    assert.equal(memo.size, 2, 'the old password line is forgotten');
  });

  it('a memo filled by one engine (other rules) or another file kind starts afresh', () => {
    const memo = new SecretLineMemo();
    const text = 'AWS_ACCESS_KEY_ID = "AKIATGOKENEFHORM6SCL"\n';
    assert.equal(engine.scan({ path: 'a.py', text }, { memo }).findings.length, 1);
    const without = testEngine({ config: { disable: ['aws-access-key-id'] } });
    assert.equal(view(without.scan({ path: 'a.py', text }, { memo })), view(without.scan({ path: 'a.py', text })));
    assert.equal(view(engine.scan({ path: 'b.env', text }, { memo })), view(engine.scan({ path: 'b.env', text })));
  });
});
