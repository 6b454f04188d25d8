import * as assert from 'node:assert/strict';
import { check } from 'recheck';
import { builtinRules } from '../support/engineFixture';

/**
 * Every rule pattern goes through recheck, a ReDoS analyser. Exponential backtracking always
 * fails. A polynomial verdict is accepted only when every quantifier in the pattern is bounded:
 * then the work per start position is a constant and the scan stays linear in the line length
 * (recheck measures growth on inputs shorter than the bounds, so it reports such patterns).
 */
const UNBOUNDED = /(?<!\\)(?:[*+]|\{\d+,\})/;

/** Strips escapes and character classes, where `*`, `+` and `{` are literal characters. */
function quantifierSkeleton(pattern: string): string {
  return pattern.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
}

describe('rule patterns are safe from catastrophic backtracking (recheck)', function () {
  this.timeout(30 * 60 * 1000);
  const patterns = builtinRules()
    .filter((r) => r.definition.pattern)
    .map((r) => r.definition);

  it('skeleton helper finds unbounded quantifiers outside classes only', () => {
    assert.ok(UNBOUNDED.test(quantifierSkeleton('a[0-9]+b')));
    assert.ok(!UNBOUNDED.test(quantifierSkeleton('a[+*]{1,5}b\\+')));
    assert.ok(UNBOUNDED.test(quantifierSkeleton('x{2,}')));
  });

  it('recheck flags a known-catastrophic pattern (the check can fail)', async () => {
    const result = await check('^(a+)+$', '', { timeout: 10_000, randomSeed: 7 });
    assert.equal(result.status, 'vulnerable');
  });

  it(`no rule pattern has exponential or unbounded polynomial backtracking`, async () => {
    const problems: string[] = [];
    // Two analyses at a time: one per core.
    for (let i = 0; i < patterns.length; i += 2) {
      await Promise.all(
        patterns.slice(i, i + 2).map(async (rule) => {
          const result = await check(rule.pattern!, rule.caseInsensitive ? 'i' : '', { timeout: 20_000, randomSeed: 42 });
          if (result.status === 'safe') return;
          if (result.status === 'unknown') {
            problems.push(`${rule.id}: analysis did not finish (${result.error.kind})`);
            return;
          }
          const complexity = result.complexity;
          if (complexity.type === 'exponential') problems.push(`${rule.id}: exponential backtracking`);
          else if (UNBOUNDED.test(quantifierSkeleton(rule.pattern!)))
            problems.push(`${rule.id}: ${complexity.summary} with an unbounded quantifier`);
        }),
      );
    }
    assert.deepEqual(problems, []);
  });
});
