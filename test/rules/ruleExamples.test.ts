import * as assert from 'node:assert/strict';
import type { RuleExample } from '../../engine/rules/ruleTypes';
import { builtinRules, defaultEngine } from '../support/engineFixture';

/** Bare-string examples are scanned as a neutral text file; IaC examples name their file. */
const asDocument = (example: RuleExample, id: string) =>
  typeof example === 'string' ? { path: `snippets/${id}.txt`, text: example } : example;

// Every built-in rule runs its own examples: each positive must be found by that rule, each
// negative must not. Adding a rule without both kinds of examples fails the schema already.
describe('built-in rule examples', () => {
  const engine = defaultEngine();
  const rules = builtinRules();

  it('ships at least 200 provider-specific secret detectors', () => {
    const specific = rules.filter((r) => r.definition.category === 'secret' && !r.definition.generic);
    assert.ok(specific.length >= 200, `only ${specific.length} provider-specific rules`);
  });

  it('every rule has a description, remediation, docs link and both kinds of examples', () => {
    for (const { definition } of rules) {
      const info = engine.rules.find((r) => r.definition.id === definition.id)!;
      assert.ok(definition.description.length > 10 && definition.remediation.length > 10, definition.id);
      assert.match(info.docs, new RegExp(`#${definition.id}$`));
      assert.ok(definition.examples.positive.length > 0 && definition.examples.negative.length > 0, definition.id);
    }
  });

  for (const { definition: rule } of rules) {
    describe(rule.id, () => {
      it('finds every positive example', () => {
        rule.examples.positive.forEach((example, i) => {
          const ids = engine.scan(asDocument(example, rule.id)).findings.map((f) => f.ruleId);
          assert.ok(ids.includes(rule.id), `positive #${i + 1} not found by ${rule.id} (found: ${ids.join(', ') || 'nothing'})`);
        });
      });
      it('stays quiet on every negative example', () => {
        rule.examples.negative.forEach((example, i) => {
          const ids = engine.scan(asDocument(example, rule.id)).findings.map((f) => f.ruleId);
          assert.ok(!ids.includes(rule.id), `negative #${i + 1} wrongly matched by ${rule.id}`);
        });
      });
    });
  }
});
