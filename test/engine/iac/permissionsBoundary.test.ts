import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

/**
 * A managed policy used or named as a permissions boundary caps what identities may do and grants
 * nothing, so `Allow *` in it is no admin grant (bench:real-code found one in the CDK bootstrap
 * template). Attached as an ordinary policy it grants, and is reported as before.
 */
describe('permissions boundaries are not grants', () => {
  const engine = defaultEngine();
  const rules = (text: string, path: string) =>
    engine
      .scan({ path, text })
      .findings.map((f) => f.ruleId)
      .filter((r) => r.startsWith('aws-iam'))
      .sort();

  const boundaryDoc = [
    '      PolicyDocument:',
    '        Statement:',
    '          - Sid: ExplicitAllowAll',
    '            Effect: Allow',
    '            Action: "*"',
    '            Resource: "*"',
    '          - Effect: Deny',
    '            Action: [iam:DeleteRolePermissionsBoundary]',
    '            Resource: "*"',
  ].join('\n');
  const cfn = (policyId: string, extraPolicyProps: string, roleProps: string) =>
    [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      `  ${policyId}:`,
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      boundaryDoc,
      extraPolicyProps,
      '  AppRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }',
      roleProps,
      '      Tags:',
      '        - { Key: owner, Value: platform }',
      '',
    ].join('\n');

  describe('CloudFormation', () => {
    it('a policy referenced by a PermissionsBoundary is not an admin grant', () => {
      assert.deepEqual(rules(cfn('Cap', '', '      PermissionsBoundary: !Ref Cap'), 't.yaml'), []);
    });

    it('a policy named as a boundary (ManagedPolicyName or logical id) is not an admin grant', () => {
      const byName = cfn('Cap', '      ManagedPolicyName: !Sub "cdk-${AWS::Region}-permissions-boundary"', '');
      assert.deepEqual(rules(byName, 't.yaml'), []);
      assert.deepEqual(rules(cfn('PermissionsBoundaryPolicy', '', ''), 't.yaml'), []);
    });

    it('the same policy, neither named nor used as a boundary, is an admin grant', () => {
      assert.deepEqual(rules(cfn('Cap', '', ''), 't.yaml'), ['aws-iam-admin-wildcard']);
      assert.deepEqual(rules(cfn('Cap', '', '      PermissionsBoundary: !Ref Other'), 't.yaml'), ['aws-iam-admin-wildcard']);
    });

    it('a boundary-named policy that is also attached to an identity grants, and is reported', () => {
      const viaRoles = cfn('PermissionsBoundaryPolicy', '      Roles: [!Ref AppRole]', '');
      assert.deepEqual(rules(viaRoles, 't.yaml'), ['aws-iam-admin-wildcard']);
      const viaArns = cfn('Cap', '', '      PermissionsBoundary: !Ref Cap\n      ManagedPolicyArns: [!Ref Cap]');
      assert.deepEqual(rules(viaArns, 't.yaml'), ['aws-iam-admin-wildcard']);
    });
  });

  describe('CDK (TypeScript)', () => {
    const stack = (policy: string, after = '') =>
      [
        "import * as iam from 'aws-cdk-lib/aws-iam';",
        'export function build(scope: any) {',
        `  ${policy}`,
        "    statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],",
        '  });',
        after,
        '}',
        '',
      ].join('\n');
    const path = 'lib/stack.ts';

    it('a ManagedPolicy named as a boundary, or applied as one, is not an admin grant', () => {
      assert.deepEqual(rules(stack("const cap = new iam.ManagedPolicy(scope, 'PermissionsBoundary', {"), path), []);
      assert.deepEqual(
        rules(stack("const cap = new iam.ManagedPolicy(scope, 'Cap', {", '  iam.PermissionsBoundary.of(scope).apply(cap);'), path),
        [],
      );
    });

    it('the same ManagedPolicy, attached or neither named nor applied as a boundary, is an admin grant', () => {
      assert.deepEqual(rules(stack("const cap = new iam.ManagedPolicy(scope, 'Cap', {"), path), ['aws-iam-admin-wildcard']);
      const attached = stack("const cap = new iam.ManagedPolicy(scope, 'PermissionsBoundary', {", '  cap.attachToRole(role);');
      assert.deepEqual(rules(attached, path), ['aws-iam-admin-wildcard']);
    });
  });

  describe('Terraform', () => {
    const policy = (label: string, name: string) =>
      [
        `resource "aws_iam_policy" "${label}" {`,
        `  name   = "${name}"`,
        '  policy = jsonencode({',
        '    Statement = [',
        '      { Effect = "Allow", Action = "*", Resource = "*" },',
        '      { Effect = "Deny", Action = ["iam:DeleteRolePermissionsBoundary"], Resource = "*" },',
        '    ]',
        '  })',
        '}',
      ].join('\n');
    const role = (extra: string) =>
      [
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        extra,
        '  tags = { owner = "platform" }',
        '}',
      ].join('\n');

    it('an aws_iam_policy used as permissions_boundary is not an admin grant', () => {
      const text = `${policy('cap', 'cap')}\n${role('  permissions_boundary = aws_iam_policy.cap.arn')}\n`;
      assert.deepEqual(rules(text, 'main.tf'), []);
    });

    it('an aws_iam_policy named as a boundary is not an admin grant', () => {
      assert.deepEqual(rules(`${policy('cap', 'dev-permissions-boundary')}\n`, 'main.tf'), []);
      assert.deepEqual(rules(`${policy('boundary', 'cap')}\n`, 'main.tf'), []);
    });

    it('the same policy attached to a role, or neither named nor used as a boundary, is an admin grant', () => {
      assert.deepEqual(rules(`${policy('cap', 'cap')}\n${role('')}\n`, 'main.tf'), ['aws-iam-admin-wildcard']);
      const attached = [
        policy('boundary', 'dev-permissions-boundary'),
        role(''),
        'resource "aws_iam_role_policy_attachment" "a" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = aws_iam_policy.boundary.arn',
        '}',
      ].join('\n');
      assert.deepEqual(rules(attached, 'main.tf'), ['aws-iam-admin-wildcard']);
    });

    it('a policy document data source used only by a boundary is not an admin grant; used by a plain policy it is', () => {
      const data = [
        'data "aws_iam_policy_document" "cap" {',
        '  statement {',
        '    actions   = ["*"]',
        '    resources = ["*"]',
        '  }',
        '}',
      ].join('\n');
      const user = (label: string, name: string) =>
        `resource "aws_iam_policy" "${label}" {\n  name   = "${name}"\n  policy = data.aws_iam_policy_document.cap.json\n}`;
      assert.deepEqual(rules(`${data}\n${user('b', 'org-boundary')}\n`, 'main.tf'), []);
      assert.deepEqual(rules(`${data}\n${user('b', 'org-boundary')}\n${user('p', 'ops')}\n`, 'main.tf'), ['aws-iam-admin-wildcard']);
    });
  });
});
