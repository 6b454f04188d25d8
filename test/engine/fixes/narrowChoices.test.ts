import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { OffsetEdit } from '../../../engine';
import * as os from 'node:os';
import { fixesFor, type FixOptions, type FixProposal } from '../../../engine/fixes/fixProposals';
import { relatedIamReader } from '../../../workspace/nearbyReferences';
import { defaultEngine } from '../../support/engineFixture';

/** Narrowing offers choices from what the code around the wildcard does; preferred only when certain. */

const EXAMPLES = path.resolve(__dirname, '../../../../examples/workspace');

function narrowings(filePath: string, text: string, check: string, subject?: RegExp, options: Partial<FixOptions> = {}): FixProposal[] {
  const finding = defaultEngine()
    .scan({ path: filePath, text })
    .findings.find((f) => f.fix.iac?.check === check && (!subject || subject.test(f.message)));
  assert.ok(finding, `no ${check} finding`);
  return fixesFor(finding, text, { manager: 'env', ...options }).filter((p) => p.kind === 'narrow');
}

function apply(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('narrowing choices', function () {
  it('AWS: never takes an action from a trust policy; the actions granted elsewhere are a choice, not preferred', function () {
    const text = [
      'resource "aws_iam_role" "r" {',
      '  assume_role_policy = jsonencode({',
      '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]',
      '  })',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  role = aws_iam_role.r.id',
      '  policy = jsonencode({',
      '    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/*" }]',
      '  })',
      '}',
      '',
    ].join('\n');
    const choices = narrowings('main.tf', text, 'aws-iam-admin-wildcard');
    assert.deepEqual(
      choices.map((c) => [c.title, c.preferred]),
      [['Narrow to s3:GetObject (the one action this file grants elsewhere)', false]],
    );
    assert.ok(apply(text, choices[0].edits).includes('Action = ["s3:GetObject"], Resource = "*"'));
  });

  it('AWS: with only a trust policy beside it, no narrowing is offered', function () {
    const text = [
      'resource "aws_iam_role" "r" {',
      '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  role   = aws_iam_role.r.id',
      '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(narrowings('main.tf', text, 'aws-iam-admin-wildcard'), []);
  });

  it('the bundled main.tf: Action "*" gets the services of the resources it manages, as a choice', function () {
    const text = fs.readFileSync(path.join(EXAMPLES, 'infra/main.tf'), 'utf8');
    const choices = narrowings('infra/main.tf', text, 'aws-iam-admin-wildcard');
    assert.equal(choices.length, 1);
    assert.equal(choices[0].preferred, false);
    assert.match(choices[0].title, /rds:\*/);
    assert.ok(apply(text, choices[0].edits).includes('Action   = ["rds:*"]'));
  });

  it('the bundled RBAC wildcards: verbs get read-only and read-write choices, neither preferred', function () {
    const text = fs.readFileSync(path.join(EXAMPLES, 'k8s/rbac.yaml'), 'utf8');
    // One finding for the rule (its apiGroups "*"); its other wildcards get their own choices.
    const all = narrowings('k8s/rbac.yaml', text, 'k8s-rbac-wildcard');
    const choices = all.filter((c) => /^Narrow verbs/.test(c.title));
    // The verbs' own "*", not the apiGroups "*" the finding sits on.
    for (const c of choices) assert.equal(text.slice(c.edits[0].start, c.edits[0].end).trim(), '"*"');
    assert.ok(choices.every((c) => c.edits[0].start > text.indexOf('verbs:')));
    assert.deepEqual(
      choices.map((c) => c.preferred),
      [false, false],
    );
    const readOnly = parse(apply(text, choices[0].edits));
    assert.deepEqual(readOnly.rules[0].verbs, ['get', 'list', 'watch']);
  });

  it('RBAC apiGroups "*" with named resources: their groups, preferred (certain); resources from the kinds the file defines', function () {
    const text = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: Role',
      'metadata:',
      '  name: deployer',
      'rules:',
      '  - apiGroups: ["*"]',
      '    resources: ["deployments", "pods"]',
      '    verbs: [get]',
      '  - apiGroups:',
      '      - apps',
      '    resources:',
      '      - "*"',
      '    verbs: [get]',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '',
    ].join('\n');
    const groups = narrowings('k8s/role.yaml', text, 'k8s-rbac-wildcard', /in apiGroups/);
    assert.equal(groups.length, 1);
    assert.equal(groups[0].preferred, true);
    assert.deepEqual(parse(apply(text, groups[0].edits).split('---')[0]).rules[0].apiGroups, ['apps', '']);
    const resources = narrowings('k8s/role.yaml', text, 'k8s-rbac-wildcard', /in resources/);
    assert.ok(resources.every((c) => !c.preferred));
    assert.deepEqual(parse(apply(text, resources[0].edits).split('---')[0]).rules[1].resources, ['deployments']);
  });

  it("AWS: the actions the module's other files grant, of the same service, read by the workspace reader", function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'narrow-'));
    fs.mkdirSync(path.join(root, 'infra'));
    fs.writeFileSync(
      path.join(root, 'infra/reader.tf'),
      [
        'data "aws_iam_policy_document" "read" {',
        '  statement {',
        '    actions   = ["s3:GetObject", "s3:ListBucket", "sqs:SendMessage", "sts:AssumeRole"]',
        '    resources = ["arn:aws:s3:::reports/*"]',
        '  }',
        '}',
        'resource "aws_dynamodb_table" "t" {',
        '  name = "t"',
        '}',
        '',
      ].join('\n'),
    );
    const text = '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\n';
    const policy =
      'resource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })\n}\n';
    fs.writeFileSync(path.join(root, 'infra/main.tf'), policy);
    const related = relatedIamReader(root);
    assert.deepEqual(related('infra/main.tf'), {
      actions: ['s3:GetObject', 's3:ListBucket', 'sqs:SendMessage', 'sts:AssumeRole'],
      services: ['dynamodb'],
    });
    const choices = narrowings('infra/main.tf', policy, 'aws-iam-service-wildcard', undefined, {
      relatedIam: () => related('infra/main.tf'),
    });
    assert.equal(choices[0].title, 'Narrow to the 2 actions the files beside it grant: s3:GetObject, s3:ListBucket');
    assert.ok(choices.every((c) => !c.preferred));
    assert.ok(apply(policy, choices[0].edits).includes('Action = ["s3:GetObject", "s3:ListBucket"]'));
    // Without the module's files: the read-only patterns only.
    assert.deepEqual(
      narrowings('policy.json', text, 'aws-iam-service-wildcard').map((c) => c.title),
      ['Narrow to read-only actions: s3:Get*, s3:List*, s3:Describe*'],
    );
    assert.deepEqual(relatedIamReader(root)('infra/policy.json'), { actions: [], services: [] });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('RBAC apiGroups "*" with resources "*" and nothing else in the file: no guess', function () {
    const text =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: x\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [get]\n';
    assert.deepEqual(narrowings('k8s/cr.yaml', text, 'k8s-rbac-wildcard', /in apiGroups/), []);
  });
});
