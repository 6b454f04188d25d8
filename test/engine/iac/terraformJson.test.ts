import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { parseTerraformJson } from '../../../engine/iac/terraform/terraformJson';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each finding: the exact offending element, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

describe('Terraform JSON syntax (.tf.json)', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (text: string, path = 'infra/iam.tf.json') => engine.scan({ path, text });

  const adminPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const readPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
  });

  it('reads a policy held in a JSON string and lands on the "*" inside it', () => {
    const text = json({
      resource: {
        aws_iam_role_policy: { reporting: { name: 'reporting', role: '${aws_iam_role.reporting.id}', policy: adminPolicy } },
      },
    });
    const found = scan(text).findings;
    assert.deepEqual(summary(text, found), ['aws-iam-admin-wildcard@7:*']);
    // The quick fixes write HCL: none is offered on a JSON file.
    assert.equal(found[0].fix.iac?.narrower, undefined);
  });

  it('a read-only policy in the same form gives nothing', () => {
    const text = json({ resource: { aws_iam_policy: { reader: { name: 'reader', policy: readPolicy } } } });
    assert.deepEqual(summary(text, scan(text).findings), []);
  });

  it('reads aws_iam_policy_document statements (arrays of objects are nested blocks)', () => {
    const text = json({
      data: {
        aws_iam_policy_document: {
          deploy: {
            statement: [
              { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] },
              { actions: ['iam:*'], resources: ['*'] },
            ],
          },
        },
      },
    });
    assert.deepEqual(summary(text, scan(text).findings), ['aws-iam-privilege-escalation@16:iam:*']);
  });

  it('an IAM user without an owner tag is ownerless; with one it is not', () => {
    const untagged = json({ resource: { aws_iam_user: { ci: { name: 'ci' } } } });
    assert.deepEqual(
      scan(untagged).findings.map((f) => f.ruleId),
      ['missing-owner-tag'],
    );
    const tagged = json({ resource: { aws_iam_user: { ci: { name: 'ci', tags: { owner: 'platform' } } } } });
    assert.deepEqual(scan(tagged).findings, []);
  });

  it('a privileged managed policy attached by a resource list (several bodies of one type)', () => {
    const text = json({
      resource: {
        aws_iam_role_policy_attachment: {
          admin: [{ role: '${aws_iam_role.ci.name}', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
          logs: [{ role: '${aws_iam_role.ci.name}', policy_arn: 'arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess' }],
        },
      },
    });
    assert.deepEqual(summary(text, scan(text).findings), [
      'aws-iam-privileged-managed-policy@7:arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
  });

  it('maps "${ref}" to a reference and keeps templates as strings', () => {
    const file = parseTerraformJson(
      json({
        resource: { aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.ci.name}', policy_arn: 'arn:${var.partition}:x' } } },
      }),
    );
    const [block] = file.body.blocks;
    assert.equal(block.type, 'resource');
    assert.deepEqual(
      block.labels.map((l) => l.value),
      ['aws_iam_role_policy_attachment', 'a'],
    );
    const [role, arn] = block.body.attributes.map((a) => a.value);
    assert.deepEqual([role.kind, role.kind === 'ref' && role.text], ['ref', 'aws_iam_role.ci.name']);
    assert.deepEqual([arn.kind, arn.kind === 'string' && arn.templated], ['string', true]);
  });

  it('a syntax error is reported, not thrown; .json files that are not .tf.json are not read as Terraform', () => {
    const broken = '{ "resource": { "aws_iam_user": { "ci": { "name": "ci", } } } }';
    const result = scan(broken);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId).filter((r) => r !== 'iac-parse-error' && !r.includes('syntax')),
      [],
    );
    assert.equal(parseTerraformJson(broken).errors.length, 1);
    const plain = json({ resource: { aws_iam_user: { ci: { name: 'ci' } } } });
    assert.deepEqual(scan(plain, 'infra/iam.json').findings, []);
  });

  it('deep nesting is refused with an error, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.equal(parseTerraformJson(deep).errors.length, 1);
  });
});
