import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

const GH = 'token.actions.githubusercontent.com';

/** A Terraform role trusting GitHub's OIDC provider under `conditions` (HCL object body). */
const terraformTrust = (conditions: string) => `resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
${conditions}
      }
    }]
  })
  tags = { owner = "platform" }
}
`;

/** A JSON trust policy with `condition` (JSON object text). */
const jsonTrust = (issuer: string, condition: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${issuer}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": ${condition}
    }
  ]
}
`;

describe('CI OIDC trust open to every repository', () => {
  const engine = defaultEngine();
  const trustFindings = (path: string, text: string) =>
    engine
      .scan({ path, text })
      .findings.filter((f) => f.ruleId === 'aws-iam-trust-any-principal')
      .map((f) => `${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

  it('flags a Terraform trust that checks only the audience, at the audience condition', () => {
    const text = terraformTrust(`        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }`);
    assert.deepEqual(trustFindings('iam.tf', text), [`10:"${GH}:aud"`]);
  });

  it('flags a subject pattern that leaves the owner open (repo:*), not one that pins it', () => {
    const open = terraformTrust(
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }\n        StringLike   = { "${GH}:sub" = "repo:*" }`,
    );
    assert.deepEqual(trustFindings('iam.tf', open), ['11:repo:*']);
    const pinned = terraformTrust(
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }\n        StringLike   = { "${GH}:sub" = ["repo:acme/*", "repo:acme-tools/deploy:ref:refs/heads/main"] }`,
    );
    assert.deepEqual(trustFindings('iam.tf', pinned), []);
  });

  it('an exact subject, a subject from a variable, or another identifying claim scopes the trust', () => {
    for (const conditions of [
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com", "${GH}:sub" = "repo:acme/api:environment:prod" }`,
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }\n        StringLike   = { "${GH}:sub" = var.allowed_subjects }`,
      // StringEquals compares "*" literally: it matches no token (broken, not open).
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com", "${GH}:sub" = "repo:*" }`,
      `        StringEquals = { "${GH}:aud" = "sts.amazonaws.com", "${GH}:repository_owner" = "acme" }`,
    ])
      assert.deepEqual(trustFindings('iam.tf', terraformTrust(conditions)), [], conditions);
  });

  it('reads aws_iam_policy_document condition blocks', () => {
    const text = `data "aws_iam_policy_document" "gha" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/${GH}"]
    }
    condition {
      test     = "StringLike"
      variable = "${GH}:sub"
      values   = ["repo:*/*:*"]
    }
  }
}
`;
    assert.deepEqual(trustFindings('iam.tf', text), ['11:repo:*/*:*']);
    assert.deepEqual(trustFindings('iam.tf', text.replace('repo:*/*:*', 'repo:acme/infra:*')), []);
  });

  it('flags the same in CloudFormation (Federated built with !Sub) and in policy JSON, GitLab included', () => {
    const cfn = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                ${GH}:aud: sts.amazonaws.com
      Tags:
        - Key: owner
          Value: platform
`;
    assert.deepEqual(trustFindings('template.yaml', cfn), [`14:${GH}:aud`]);
    assert.deepEqual(
      trustFindings('template.yaml', cfn.replace(`${GH}:aud: sts.amazonaws.com`, `${GH}:sub: repo:acme/api:ref:refs/heads/main`)),
      [],
    );
    const gitlab = jsonTrust('gitlab.com', `{ "StringLike": { "gitlab.com:sub": "project_path:*" } }`);
    assert.deepEqual(trustFindings('trust.json', gitlab), ['8:project_path:*']);
    const gitlabPinned = jsonTrust('gitlab.com', `{ "StringLike": { "gitlab.com:sub": "project_path:acme/infra:*" } }`);
    assert.deepEqual(trustFindings('trust.json', gitlabPinned), []);
  });

  it('leaves other web-identity providers (Cognito audience is the pool) to the existing check', () => {
    const cognito = jsonTrust(
      'cognito-identity.amazonaws.com',
      `{ "StringEquals": { "cognito-identity.amazonaws.com:aud": "eu-west-1:1b2c" } }`,
    );
    assert.deepEqual(trustFindings('trust.json', cognito), []);
  });
});
