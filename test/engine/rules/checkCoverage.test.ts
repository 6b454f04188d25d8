import * as assert from 'node:assert/strict';
import { IAC_CHECKS, type CheckSpec } from '../../../engine/iac/checkRegistry';
import { checkCoverageProblems, unknownCheckProblems } from '../../../engine/rules/checkCoverage';
import type { LoadedRule, RuleDefinition } from '../../../engine/rules/ruleTypes';
import { builtinRules } from '../../support/engineFixture';

/** A check rule as a pack would hold it; only the fields the coverage check reads matter. */
const checkRule = (id: string, check: string, category: RuleDefinition['category'] = 'permission'): LoadedRule => ({
  source: 'rules/fake-pack.yaml',
  definition: {
    id,
    check,
    category,
    title: id,
    description: `fake rule ${id}`,
    remediation: 'none, it is a test',
    severity: 'warning',
    examples: { positive: [], negative: [] },
  },
});

/** A registry entry no built-in rule names. */
const UNUSED: CheckSpec = { flags: 'nothing, it is a test', analysers: ['kubernetes'], grants: 'wide' };

describe('IaC check coverage (rules/ against the check registry)', () => {
  const rules = builtinRules();

  it('the built-in rules and the registry agree', () => {
    assert.deepEqual(checkCoverageProblems(rules), []);
  });

  it('a rule pack naming an unknown check fails, naming the pack, the rule and the check', () => {
    const problems = checkCoverageProblems([...rules, checkRule('acme-wildcard', 'acme-wildcard')]);
    assert.deepEqual(problems, ['rules/fake-pack.yaml: rule "acme-wildcard" names unknown check "acme-wildcard"']);
    // The engine uses the same function for config rules; a known check is not reported.
    assert.deepEqual(unknownCheckProblems([checkRule('mine', 'k8s-rbac-wildcard')]), []);
  });

  it('a registry entry that no rule reports fails, with what it flags', () => {
    const problems = checkCoverageProblems(rules, { ...IAC_CHECKS, 'k8s-unused-check': UNUSED });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^check "k8s-unused-check" \(nothing, it is a test\) is implemented but no rule in rules\/ reports it/);
    // Once a rule names it, the registry is covered again.
    assert.deepEqual(
      checkCoverageProblems([...rules, checkRule('k8s-unused-check', 'k8s-unused-check')], { ...IAC_CHECKS, 'k8s-unused-check': UNUSED }),
      [],
    );
  });

  it('a check two rules report fails: the engine would keep only one of them', () => {
    const problems = checkCoverageProblems([...rules, checkRule('rbac-wildcard-again', 'k8s-rbac-wildcard')]);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /rule "rbac-wildcard-again" names check "k8s-rbac-wildcard", already reported by rule "k8s-rbac-wildcard"/);
  });

  it("a rule's category must agree with the check's grants, both ways", () => {
    const registry = { ...IAC_CHECKS, 'k8s-unused-check': UNUSED, 'k8s-other-check': { ...UNUSED, grants: undefined } };
    const problems = checkCoverageProblems(
      [...rules, checkRule('unused', 'k8s-unused-check', 'ownership'), checkRule('other', 'k8s-other-check', 'permission')],
      registry,
    );
    assert.deepEqual(problems, [
      'rules/fake-pack.yaml: rule "unused" has category "ownership", but check "k8s-unused-check" grants wide access: use "permission"',
      'rules/fake-pack.yaml: rule "other" has category "permission", but check "k8s-other-check" has no `grants` in the registry',
    ]);
    const agreeing = [...rules, checkRule('unused', 'k8s-unused-check', 'permission'), checkRule('other', 'k8s-other-check', 'ownership')];
    assert.deepEqual(checkCoverageProblems(agreeing, registry), []);
  });

  it('names inherited from Object.prototype are not checks', () => {
    assert.deepEqual(unknownCheckProblems([checkRule('proto', 'constructor')]), [
      'rules/fake-pack.yaml: rule "proto" names unknown check "constructor"',
    ]);
  });
});
