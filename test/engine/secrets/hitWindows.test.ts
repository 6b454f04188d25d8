import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
import { lastHitOfLine } from '../../../engine/secrets/secretScanner';
import { defaultEngine } from '../../support/engineFixture';
import { ALNUM, Rng } from '../../support/seededRandom';

/**
 * An open document's rules ask its keyword hits for the edited lines only (secretScanner.ts
 * HitWindows): findings on and around the edited lines, and of the multiline rules, which read
 * every keyword line, must be those of a fresh scan.
 */
describe('rule windows read from an open document’s keyword hits', () => {
  const rng = new Rng(1301);
  // Values made at run time: a generic password assignment and a Kubernetes env pair.
  const value = () => rng.chars(ALNUM, 24);
  const lines = Array.from({ length: 300 }, (_, i) =>
    i % 3 === 0
      ? `  password_${i} = "${value()}"`
      : i % 3 === 1
        ? `        - name: DB_PASSWORD_${i}\n          value: "${value()}"`
        : `  token_note_${i} = lookup(name)`,
  );
  const base = lines.join('\n') + '\n';
  const edit = fc.record({
    line: fc.nat({ max: 299 }),
    insert: fc.constantFrom('x', ' ', '"', '\n', 'password = "', `${'k'.repeat(20)}"`, '- name: API_TOKEN\n  value: "', '#'),
    remove: fc.nat({ max: 8 }),
  });

  it('finds on every edit what a fresh scan finds', () => {
    const view = viewOf('deploy/settings.yaml');
    assert.ok(JSON.parse(view(base)).length > 100, 'the document has findings to keep');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) =>
        replayAgainstFresh(view, base, edits, (text, e) => {
          let at = 0;
          for (let n = 0; n < e.line; n++) at = text.indexOf('\n', at) + 1;
          return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        }),
      ),
      { seed: 1301, numRuns: 25 },
    );
  });

  it('finds on every edit what a fresh scan finds where lines hold many keyword hits (a bundle’s long lines)', () => {
    // Lines of 1-80 assignments each, some with values a rule reports, most without.
    const long = (n: number) =>
      Array.from({ length: n }, (_, k) =>
        k % 7 === 3 ? `var password_${k}="${value()}";` : k % 5 === 1 ? `token.k${k}=a.b;` : `apiKey:x${k},`,
      ).join('');
    const bundle = Array.from({ length: 40 }, (_, i) => long(1 + ((i * 37) % 80))).join('\n') + '\n';
    const view = viewOf('static/app.min.js');
    assert.ok(JSON.parse(view(bundle)).length > 50, 'the bundle has findings to keep');
    const bundleEdit = fc.record({
      line: fc.nat({ max: 39 }),
      column: fc.nat({ max: 3000 }),
      insert: fc.constantFrom('x', ';', '"', '\n', 'password="', `${'k'.repeat(20)}"`, 'token=', 'apiKey:'),
      remove: fc.nat({ max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(bundleEdit, { minLength: 1, maxLength: 5 }), (edits) =>
        replayAgainstFresh(view, bundle, edits, (text, e) => {
          let at = 0;
          for (let n = 0; n < e.line && text.indexOf('\n', at) >= 0; n++) at = text.indexOf('\n', at) + 1;
          const end = text.indexOf('\n', at);
          at = Math.min(at + e.column, end < 0 ? text.length : end);
          return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
        }),
      ),
      { seed: 1302, numRuns: 25 },
    );
  });

  it('the last hit of a line is found by doubling steps as by walking them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), fc.nat(), (perLine, pick) => {
        // Flat triples (keyword, offset, line start), the lines' hits consecutive.
        const triples: number[] = [];
        perLine.forEach((n, line) => {
          for (let k = 0; k < n; k++) triples.push(k % 3, line * 100 + k, line * 100);
        });
        const hits = Int32Array.from(triples);
        const i = (pick % (hits.length / 3)) * 3;
        let last = i;
        while (last + 3 < hits.length && hits[last + 5] === hits[i + 2]) last += 3;
        assert.equal(lastHitOfLine(hits, i, hits[i + 2]), last);
      }),
      { seed: 1303, numRuns: 500 },
    );
  });
});

/** The findings of a scan of `path` (with `memo`: as an open document's), as a string to compare. */
const viewOf = (path: string) => (text: string, memo?: SecretLineMemo) =>
  JSON.stringify(
    defaultEngine()
      .scan({ path, text }, memo ? { memo } : {})
      .findings.map((f) => [f.ruleId, f.range, f.fingerprint]),
  );

/** Applies `edits` to `base` one by one through one memo: each scan finds what a fresh scan finds. */
function replayAgainstFresh<E>(
  view: (text: string, memo?: SecretLineMemo) => string,
  base: string,
  edits: E[],
  apply: (text: string, edit: E) => string,
): void {
  const memo = new SecretLineMemo();
  let text = base;
  view(text, memo);
  for (const e of edits) {
    text = apply(text, e);
    assert.equal(view(text, memo), view(text));
  }
}
