import * as assert from 'node:assert/strict';
import { compileRule, SecretScanner, windowLiterals, type Candidate } from '../../../engine/secrets/secretScanner';
import { readPattern } from '../../../engine/rules/requiredLiterals';
import { builtinRules } from '../../support/engineFixture';

describe('window literals (a multiline rule runs only in files holding every string its matches need)', () => {
  const definitions = builtinRules()
    .filter(({ definition: d }) => d.category === 'secret' && !d.check)
    .map(({ definition }) => definition);
  const compiled = definitions.map((d) => compileRule(d, d.severity));
  const skipping = SecretScanner.build(compiled);
  // The same rules with no window literals: every multiline rule searches every window of its keyword lines.
  const searching = SecretScanner.build(compiled.map((c) => ({ ...c, windowLiterals: [] })));
  const found = (scanner: SecretScanner, path: string, text: string) =>
    scanner.scan(text, path, 'text', 1_000_000, []).map((c: Candidate) => `${c.rule.definition.id}@${c.start}-${c.end}`);

  it('are read from the pattern, lower-cased, for multiline rules only', () => {
    const env = definitions.find((d) => d.id === 'kubernetes-env-plain-secret')!;
    assert.deepEqual(windowLiterals(env), ['name:', 'value:']);
    const oneLine = definitions.find((d) => d.id === 'basic-auth-url')!;
    assert.deepEqual(windowLiterals(oneLine), []);
    assert.ok(definitions.filter((d) => windowLiterals(d).length).length >= 10);
  });

  it('are taken from the readings the build made when it is handed them, and read from the pattern when not', () => {
    // What the build writes into the compiled rules file (build/compileBuiltinRules.ts).
    const readings = new Map(definitions.filter((d) => d.pattern !== undefined).map((d) => [d.pattern!, readPattern(d.pattern!)]));
    for (const d of definitions.filter((x) => x.multiline)) {
      // Fresh copies: the literals are kept per definition once read.
      assert.deepEqual(windowLiterals({ ...d }, readings), windowLiterals({ ...d }), d.id);
    }
    const env = definitions.find((d) => d.id === 'kubernetes-env-plain-secret')!;
    const handed = new Map([[env.pattern!, { literals: ['Handed:'] }]]);
    assert.deepEqual(windowLiterals({ ...env }, handed), ['handed:'], 'a reading handed over is used');
    assert.deepEqual(windowLiterals({ ...env }, new Map()), ['name:', 'value:'], 'none for the pattern: it is read');
  });

  it('find what searching every window finds, in the examples and with a window literal broken up', () => {
    let positives = 0;
    for (const d of definitions.filter((x) => windowLiterals(x).length)) {
      for (const example of [...d.examples.positive, ...d.examples.negative]) {
        const { path, text } = typeof example === 'string' ? { path: 'example.txt', text: example } : example;
        const expected = found(searching, path, text);
        assert.deepEqual(found(skipping, path, text), expected, `${d.id}: ${JSON.stringify(text)}`);
        if (expected.some((f) => f.startsWith(`${d.id}@`))) positives++;
        for (const literal of windowLiterals(d)) {
          // The text without that string (in any letter case): the rule must find nothing there either way.
          const broken = text.replace(new RegExp(literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'gi'), (m) => `${m[0]} ${m.slice(1)}`);
          const without = found(searching, path, broken);
          assert.deepEqual(found(skipping, path, broken), without, `${d.id} without ${literal}: ${JSON.stringify(broken)}`);
          assert.ok(!without.some((f) => f.startsWith(`${d.id}@`)), `${d.id} found without ${literal}`);
        }
      }
    }
    assert.ok(positives >= 10, `only ${positives} positive examples found`);
  });
});
