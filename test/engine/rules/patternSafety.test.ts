import * as assert from 'node:assert/strict';
import { hasUnboundedQuantifier, patternSafetyProblems } from '../../../engine/rules/patternSafety';
import { builtinRules } from '../../support/engineFixture';

describe('static pattern safety', () => {
  it('finds unbounded quantifiers outside escapes and character classes only', () => {
    assert.ok(hasUnboundedQuantifier('a[0-9]+b'));
    assert.ok(hasUnboundedQuantifier('x{2,}'));
    assert.ok(!hasUnboundedQuantifier('a[+*]{1,5}b\\+'));
  });

  it('refuses unbounded quantifiers in built-in patterns and accepts bounded ones', () => {
    assert.deepEqual(patternSafetyProblems('(?<secret>[a-z]{1,2000})'), []);
    assert.equal(patternSafetyProblems('(?<secret>[a-z]+)').length, 1);
  });

  it('every built-in pattern passes (they also pass the recheck analysis)', () => {
    const problems = builtinRules().flatMap(({ definition: d }) =>
      [d.pattern, d.assignment?.name, d.assignment?.nameExclude, ...(d.allowlist?.values ?? [])]
        .filter((p): p is string => !!p)
        .flatMap((p) => patternSafetyProblems(p).map((x) => `${d.id}: ${x}`)),
    );
    assert.deepEqual(problems, []);
  });
});
