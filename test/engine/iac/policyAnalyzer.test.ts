import * as assert from 'node:assert/strict';
import { IamActions, wildcardMatch } from '../../../engine/iac/aws/iamActions';
import { loadIamData } from '../../../workspace/iamDataFile';
import { defaultEngine, testEngine } from '../../support/engineFixture';

const POLICY_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": "*" },
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" },
    { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }
  ]
}`;

/** The same policy written the five ways Terraform and CloudFormation allow. */
const SAME_POLICY: Record<string, { path: string; text: string }> = {
  'standalone JSON': { path: 'policies/app.json', text: POLICY_JSON },
  'Terraform heredoc': {
    path: 'iam.tf',
    text: `resource "aws_iam_policy" "app" {\n  policy = <<EOF\n${POLICY_JSON}\nEOF\n  tags = { owner = "a" }\n}\n`,
  },
  'Terraform jsonencode': {
    path: 'iam.tf',
    text: `resource "aws_iam_policy" "app" {
  tags = { owner = "a" }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:*"], Resource = "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      { Effect = "Allow", NotAction = "iam:*", Resource = "*" },
    ]
  })
}
`,
  },
  'Terraform policy document': {
    path: 'iam.tf',
    text: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:*"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}
`,
  },
  'CloudFormation YAML': {
    path: 'template.yaml',
    text: `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, "s3:*"]
            Resource: "*"
          - Effect: Allow
            Action: iam:PassRole
            Resource: "*"
          - Effect: Allow
            NotAction: iam:*
            Resource: "*"
`,
  },
};

describe('AWS policy analysis', () => {
  const engine = defaultEngine();

  for (const [how, doc] of Object.entries(SAME_POLICY)) {
    it(`finds the same problems at the same elements: ${how}`, () => {
      const findings = engine.scan(doc).findings.filter((f) => f.category === 'permission');
      const got = findings.map((f) => `${f.ruleId}@${doc.text.slice(f.offsets.start, f.offsets.end)}`).sort();
      assert.deepEqual(
        got,
        [
          `aws-iam-not-action-allow@${how.includes('document') ? 'not_actions' : 'NotAction'}`,
          'aws-iam-privilege-escalation@iam:PassRole',
          'aws-iam-service-wildcard@s3:*',
        ].sort(),
      );
      const wildcard = findings.find((f) => f.ruleId === 'aws-iam-service-wildcard')!;
      assert.deepEqual(wildcard.fix.iac?.narrower, ['s3:GetObject'], 'suggests the s3 actions used elsewhere in the file');
    });
  }

  it('suggests the read-only set when the file uses no other action of the service', () => {
    const [f] = engine.scan({
      path: 'p.json',
      text: '{"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}',
    }).findings;
    assert.deepEqual(f.fix.iac?.narrower, ['dynamodb:Get*', 'dynamodb:List*', 'dynamodb:Describe*']);
  });

  it('expands action wildcards against the IAM action table', () => {
    const iam = IamActions.of(loadIamData);
    assert.ok(iam.available, 'IAM data is found from the source tree');
    const names = iam
      .expand('iam:Put*Policy')
      .map((a) => a.name)
      .sort();
    assert.ok(names.includes('PutRolePolicy') && names.includes('PutUserPolicy') && names.includes('PutGroupPolicy'));
    assert.ok(names.every((n) => /^Put.*Policy$/.test(n)));
    assert.equal(iam.expand('s3:GetObject')[0].level, 'Read');
    assert.equal(iam.expand('iam:PassRole')[0].level, 'Write');
    assert.equal(iam.expand('iam:CreatePolicyVersion')[0].level, 'Permissions management');
  });

  it('matches IAM wildcards in linear time, even for hostile patterns', () => {
    assert.ok(wildcardMatch('Put*Pol?cy', 'PutRolePolicy'));
    assert.ok(!wildcardMatch('Put*Policy', 'PutRolePolicyX'));
    // A backtracking matcher takes exponential time on these; the suite's timeout is the guard,
    // not a clock (a busy machine must not fail the test).
    assert.ok(!wildcardMatch(`${'*a'.repeat(200)}b`, 'a'.repeat(5000)));
    assert.ok(wildcardMatch(`${'*a'.repeat(200)}*`, 'a'.repeat(5000)));
    assert.ok(!wildcardMatch(`${'?'.repeat(5001)}`, 'a'.repeat(5000)));
  });

  it('reports nothing for Deny statements, conditioned PassRole, or read actions on *', () => {
    const text = JSON.stringify(
      {
        Statement: [
          { Effect: 'Deny', Action: '*', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: '*',
            Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
          },
          { Effect: 'Allow', Action: ['ec2:Describe*', 's3:List*', 'cloudwatch:PutMetricData'], Resource: '*' },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(engine.scan({ path: 'p.json', text }).findings, []);
  });

  it('reports each escalation element once, with its most serious check', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": ["iam:*"], "Resource": "*"}]}';
    const ids = engine.scan({ path: 'p.json', text }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids, ['aws-iam-privilege-escalation']);
  });

  it('honours iac.broadAccessLevels from the config', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": ["s3:PutObjectTagging"], "Resource": "*"}]}';
    assert.deepEqual(engine.scan({ path: 'p.json', text }).findings, []);
    const tagging = testEngine({ config: { iac: { broadAccessLevels: ['Tagging'] } } });
    assert.deepEqual(
      tagging.scan({ path: 'p.json', text }).findings.map((f) => f.ruleId),
      ['aws-iam-broad-action-on-any-resource'],
    );
  });
});
