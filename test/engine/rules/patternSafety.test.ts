import * as assert from 'node:assert/strict';
import { hasNestedRepeat, hasUnboundedQuantifier, largestRepeat, patternSafetyProblems } from '../../../engine/rules/patternSafety';
import { builtinRules } from '../../support/engineFixture';

describe('static pattern safety', () => {
  it('finds unbounded quantifiers outside escapes and character classes only', () => {
    assert.ok(hasUnboundedQuantifier('a[0-9]+b'));
    assert.ok(hasUnboundedQuantifier('x{2,}'));
    assert.ok(!hasUnboundedQuantifier('a[+*]{1,5}b\\+'));
  });

  it('finds repeated groups that repeat inside, but not optional groups or plain repeats', () => {
    assert.ok(hasNestedRepeat('(a{1,9}){1,9}'));
    assert.ok(hasNestedRepeat('^(a+)+$'));
    assert.ok(hasNestedRepeat('(?:(?:ab){2}){1,5}'));
    assert.ok(!hasNestedRepeat('(?:a{1,9})?'));
    assert.ok(!hasNestedRepeat('(?:ab){1,9}'));
    assert.ok(!hasNestedRepeat('[A-Z]{4}(?:[a-z0-9]{2,8})'));
  });

  it('reads the largest repeat count', () => {
    assert.equal(largestRepeat('a{3}b{1,2000}c{5,}'), 2000);
  });

  it('workspace rules are held to the stricter limits; built-in ones to bounded quantifiers', () => {
    assert.deepEqual(patternSafetyProblems('(?<secret>[a-z]{1,2000})', false), []);
    assert.equal(patternSafetyProblems('(?<secret>[a-z]{1,2000})', true).length, 1);
    assert.equal(patternSafetyProblems('(?<secret>[a-z]+)', false).length, 1);
  });

  it('every built-in pattern passes (they also pass the recheck analysis)', () => {
    const problems = builtinRules().flatMap(({ definition: d }) =>
      [d.pattern, d.assignment?.name, d.assignment?.nameExclude, ...(d.allowlist?.values ?? [])]
        .filter((p): p is string => !!p)
        .flatMap((p) => patternSafetyProblems(p, false).map((x) => `${d.id}: ${x}`)),
    );
    assert.deepEqual(problems, []);
  });
});
