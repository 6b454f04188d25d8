import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SecretLineMemo } from '../../../engine/secrets/lineMemo';
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
    const engine = defaultEngine();
    const path = 'deploy/settings.yaml';
    const view = (text: string, memo?: SecretLineMemo) =>
      JSON.stringify(engine.scan({ path, text }, memo ? { memo } : {}).findings.map((f) => [f.ruleId, f.range, f.fingerprint]));
    assert.ok(JSON.parse(view(base)).length > 100, 'the document has findings to keep');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const memo = new SecretLineMemo();
        let text = base;
        view(text, memo);
        for (const e of edits) {
          let at = 0;
          for (let n = 0; n < e.line; n++) at = text.indexOf('\n', at) + 1;
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          assert.equal(view(text, memo), view(text));
        }
      }),
      { seed: 1301, numRuns: 25 },
    );
  });
});
