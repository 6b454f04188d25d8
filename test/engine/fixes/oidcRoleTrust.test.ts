import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { OffsetEdit } from '../../../engine';
import { parseHcl } from '../../../engine/iac/hcl/hclParser';
import { attribute, blocksOf, inlineDocument } from '../../../engine/iac/hcl/hclSource';
import { get, itemsOf, stringValue } from '../../../engine/iac/sourceTree';
import { oidcSubject, roleNameOf, rolesAssumedIn, trustableRoles } from '../../../engine/fixes/oidcRoleTrust';

/** The role side of the OIDC switch: the GitHub trust statement added to the role's own policy. */

const SUBJECT = oidcSubject('acme/shop', 'main');
const apply = (text: string, e: OffsetEdit) => text.slice(0, e.start) + e.newText + text.slice(e.end);

/** The statements of the Terraform role's inline trust policy, as the engine's own HCL reader sees them. */
function terraformStatements(text: string) {
  const file = parseHcl(text);
  assert.deepEqual(file.errors, []);
  const role = blocksOf(file.body, 'resource').find((b) => b.labels[0]?.value === 'aws_iam_role');
  assert.ok(role);
  const policy = inlineDocument(attribute(role.body, 'assume_role_policy')!.value);
  assert.ok(policy, 'trust policy not readable');
  return itemsOf(get(policy, 'Statement')).map((s) => ({
    action: stringValue(get(s, 'Action')),
    sub: stringValue(get(s, 'Condition', 'StringEquals', 'token.actions.githubusercontent.com:sub')),
  }));
}

const TF_JSONENCODE = `resource "aws_iam_role" "deploy" {
  name = "gha-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "ec2.amazonaws.com" }
      },
    ]
  })
}
`;

describe('OIDC role trust: the statement in the role the workspace defines', function () {
  it('Terraform jsonencode: a statement scoped to the repository and branch, the existing one kept', function () {
    const [role] = trustableRoles(TF_JSONENCODE, 'terraform');
    assert.equal(role.name, 'gha-deploy');
    assert.equal(role.label, 'deploy');
    assert.equal(role.trustsGitHub, false);
    const fixed = apply(TF_JSONENCODE, role.edit(SUBJECT));
    assert.equal(trustableRoles(fixed, 'terraform')[0].trustsGitHub, true, 'once added, it is not offered again');
    const statements = terraformStatements(fixed);
    assert.deepEqual(statements, [
      { action: 'sts:AssumeRoleWithWebIdentity', sub: 'repo:acme/shop:ref:refs/heads/main' },
      { action: 'sts:AssumeRole', sub: undefined },
    ]);
  });

  it('Terraform heredoc JSON: the statement in JSON', function () {
    const text = `resource "aws_iam_role" "ci" {\n  assume_role_policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}\n  ]\n}\nEOF\n}\n`;
    const [role] = trustableRoles(text, 'terraform');
    assert.equal(role.name, undefined, 'no name attribute: Terraform names it');
    const out = apply(text, role.edit(SUBJECT));
    const json = JSON.parse(/<<EOF\n([\s\S]*)\nEOF/.exec(out)![1]);
    assert.equal(json.Statement.length, 2);
    assert.equal(json.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:aud'], 'sts.amazonaws.com');
  });

  it('Terraform: a trust policy from a policy document data source gets no edit', function () {
    const text = `resource "aws_iam_role" "r" {\n  name = "x"\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\ndata "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n  }\n}\n`;
    assert.deepEqual(trustableRoles(text, 'terraform'), []);
  });

  it('CloudFormation YAML: a list item beside the existing statements', function () {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: gha-deploy',
      '      AssumeRolePolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sts:AssumeRole',
      '            Principal:',
      '              Service: ec2.amazonaws.com',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '',
    ].join('\n');
    const roles = trustableRoles(text, 'cloudformation');
    assert.deepEqual(
      roles.map((r) => [r.name, r.label]),
      [['gha-deploy', 'DeployRole']],
    );
    assert.equal(roles[0].trustsGitHub, false);
    assert.equal(trustableRoles(apply(text, roles[0].edit(SUBJECT)), 'cloudformation')[0].trustsGitHub, true);
    const out = parse(apply(text, roles[0].edit(SUBJECT)), { customTags: [{ tag: '!Sub', resolve: (s: string) => `Sub(${s})` }] });
    const statements = out.Resources.DeployRole.Properties.AssumeRolePolicyDocument.Statement;
    assert.equal(statements.length, 2);
    assert.equal(statements[0].Action, 'sts:AssumeRoleWithWebIdentity');
    assert.equal(statements[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'], 'repo:acme/shop:ref:refs/heads/main');
    assert.match(statements[0].Principal.Federated, /^Sub\(arn:\$\{AWS::Partition\}:iam::\$\{AWS::AccountId\}:oidc-provider\//);
    assert.equal(statements[1].Action, 'sts:AssumeRole');
    assert.equal(out.Resources.Bucket.Type, 'AWS::S3::Bucket');
  });

  it('CloudFormation: other resource types are not roles', function () {
    assert.deepEqual(
      trustableRoles('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Statement:\n        - a\n', 'cloudformation'),
      [],
    );
  });

  it('role names from role-to-assume: ARNs with paths and plain names; expressions and placeholders are not names', function () {
    assert.equal(roleNameOf('arn:aws:iam::123456789012:role/ci/gha-deploy'), 'gha-deploy');
    assert.equal(roleNameOf('"arn:aws-us-gov:iam::123456789012:role/x"'), 'x');
    assert.equal(roleNameOf('gha-deploy'), 'gha-deploy');
    assert.equal(roleNameOf('${{ secrets.ROLE }}'), undefined);
    assert.equal(roleNameOf('arn:aws:iam::<account-id>:role/<role-name>'), undefined);
    assert.deepEqual(
      rolesAssumedIn('steps:\n  - with:\n      role-to-assume: arn:aws:iam::1:role/a\n  - with:\n      role-to-assume: ${{ vars.R }}\n'),
      ['a'],
    );
    assert.equal(oidcSubject(undefined, undefined), 'repo:<owner>/<repo>:ref:refs/heads/<branch>');
  });
});
