import * as assert from 'node:assert/strict';
import { buildInventory, fileKindOf, type Finding, type IdentityRecord } from '../../../engine';
import { checkSpec, fileKindsOf, IAC_CHECKS, isCheckId, type CheckId } from '../../../engine/iac/checkRegistry';
import { DEFAULT_IAC_SETTINGS } from '../../../engine/iac/iacIssue';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { loadIamData } from '../../../workspace/iamDataFile';
import { builtinRules } from '../../support/engineFixture';

const CHECKS = Object.keys(IAC_CHECKS) as CheckId[];

describe('IaC check registry', () => {
  it('knows its own ids and nothing else, inherited names included', () => {
    for (const id of CHECKS) assert.ok(isCheckId(id), id);
    for (const name of ['nope', 'toString', 'constructor', '__proto__', '', 'K8S-RBAC-WILDCARD']) assert.ok(!isCheckId(name), name);
  });

  it("every check rule's positive examples are file kinds the check's analysers read", () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    for (const { definition } of builtinRules()) {
      if (!definition.check || !isCheckId(definition.check)) continue;
      const reads = fileKindsOf(definition.check);
      for (const example of definition.examples.positive) {
        assert.ok(typeof example !== 'string', `${definition.id}: IaC examples name their file`);
        const scan = analyseIac(example.text, example.path, fileKindOf(example.path), ctx);
        assert.ok(
          scan?.kind && reads.includes(scan.kind),
          `${definition.id}: ${example.path} is read as ${scan?.kind ?? 'not IaC'}, but ${definition.check} is emitted only in ${reads.join(', ')}`,
        );
        assert.ok(
          scan.issues.some((i) => i.check === definition.check),
          `${definition.id}: ${example.path} does not raise ${definition.check}`,
        );
      }
    }
  });

  it('quick-fix data on examples is of the kind the check declares', () => {
    const ctx = { settings: DEFAULT_IAC_SETTINGS, iam: IamActions.of(loadIamData) };
    const seen = { narrow: new Set<CheckId>(), edit: new Set<CheckId>() };
    for (const { definition } of builtinRules()) {
      for (const example of [...definition.examples.positive, ...definition.examples.negative]) {
        if (typeof example === 'string') continue;
        for (const issue of analyseIac(example.text, example.path, fileKindOf(example.path), ctx)?.issues ?? []) {
          if (issue.narrower) seen.narrow.add(issue.check);
          if (issue.fix) seen.edit.add(issue.check);
        }
      }
    }
    for (const id of seen.narrow) assert.equal(checkSpec(id).fix, 'narrow', id);
    for (const id of seen.edit) assert.equal(checkSpec(id).fix, 'edit', id);
    assert.ok(seen.narrow.size > 0 && seen.edit.size > 0, 'the examples exercise both kinds of fix');
  });

  describe('inventory breadth reads the check', () => {
    const record: IdentityRecord = {
      kind: 'iam-role',
      name: 'aws_iam_role.app',
      provider: 'aws',
      path: 'infra/iam.tf',
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 1 } },
      offsets: { start: 0, end: 60 },
      credential: 'federated',
      links: ['aws_iam_role.app'],
      permissionsDeclared: true,
    };
    const finding = (check: CheckId): Finding => ({
      ruleId: `rule-for-${check}`,
      title: check,
      category: 'permission',
      severity: 'warning',
      message: check,
      path: 'infra/other.tf',
      range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } },
      offsets: { start: 200, end: 203 },
      masked: '"*"',
      fingerprint: `fp-${check}`,
      remediation: '',
      docs: '',
      fix: { fileKind: 'terraform', iac: { check, resource: 'aws_iam_role.app' } },
    });

    for (const id of CHECKS.filter((c) => checkSpec(c).grants)) {
      it(`${id} rates the identity ${checkSpec(id).grants}`, () => {
        const [identity] = buildInventory([record], [finding(id)]);
        assert.equal(identity.breadth, checkSpec(id).grants);
      });
    }

    it('one admin finding among wide ones makes the identity admin', () => {
      const admin = CHECKS.find((c) => checkSpec(c).grants === 'admin')!;
      const wide = CHECKS.filter((c) => checkSpec(c).grants === 'wide');
      assert.equal(buildInventory([record], wide.map(finding))[0].breadth, 'wide');
      assert.equal(buildInventory([record], [...wide, admin].map(finding))[0].breadth, 'admin');
    });
  });
});
