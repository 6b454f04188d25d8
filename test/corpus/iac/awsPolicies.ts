/**
 * AWS policy statements, each written in every form real repositories use: Terraform
 * (jsonencode, heredoc, aws_iam_policy_document, SSO permission-set inline policies), CloudFormation
 * (YAML, JSON, a policy given as a JSON string), plain JSON policy files and Serverless Framework.
 * Positives are over-broad as public IaC scanners' suites define it; negatives look dangerous
 * but are fine (scoped wildcards, Deny, conditions that scope, conventional `*` resources).
 */
import { iacDocument, negative, positive, region, type IacDocument, type IacLabel } from './labels';
import { hcl, json, yaml, type Json } from './render';

type Statement = { [key: string]: Json };
interface Case {
  name: string;
  st: Statement;
  /** The checks that should fire on it; absent for a negative. */
  expect?: string[];
  /** A second statement written in the same policy, unlabelled-but-relevant (PassRole pairs). */
  companion?: Statement;
}

const BUCKET = 'arn:aws:s3:::acme-reports';
const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
const ROLE = 'arn:aws:iam::123456789012:role/app-task';
const allow = (Action: Json, Resource: Json = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });

const ADMIN = ['aws-iam-admin-wildcard'];
const SERVICE = ['aws-iam-service-wildcard'];
const BROAD = ['aws-iam-broad-action-on-any-resource'];
const ESCALATION = ['aws-iam-privilege-escalation'];
const NOT_ACTION = ['aws-iam-not-action-allow'];
/** `service:*` on named resources: reported at a lower severity since issue 12 (negatives before it). */
const SCOPED_SERVICE = ['aws-iam-service-wildcard-on-resource'];

/** Identity policies: attached to a role, user, group or permission set. */
export const IDENTITY_CASES: Case[] = [
  { name: 'Action * on *', st: allow('*'), expect: ADMIN },
  { name: 'Action [*] on [*]', st: allow(['*'], ['*']), expect: ADMIN },
  { name: 'Action *:* on *', st: allow('*:*'), expect: ADMIN },
  { name: 'Action * with Sid', st: { Sid: 'FullAccess', ...allow('*') }, expect: ADMIN },
  { name: 's3:* on *', st: allow('s3:*'), expect: SERVICE },
  { name: 'ec2:* on *', st: allow(['ec2:*']), expect: SERVICE },
  { name: 'dynamodb:* on *', st: allow('dynamodb:*'), expect: SERVICE },
  { name: 'kms:* on *', st: allow('kms:*'), expect: SERVICE },
  { name: 'lambda:* on *', st: allow('lambda:*'), expect: SERVICE },
  { name: 'sqs:* and sns:* on *', st: allow(['sqs:*', 'sns:*']), expect: SERVICE },
  { name: 'secretsmanager:* on *', st: allow('secretsmanager:*'), expect: SERVICE },
  { name: 'iam:* on *', st: allow('iam:*'), expect: [...SERVICE, ...ESCALATION] },
  { name: 'ssm:* and logs:* on *', st: allow(['ssm:*', 'logs:*', 'cloudwatch:*']), expect: SERVICE },
  { name: 'NotAction iam:* Allow', st: { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, expect: NOT_ACTION },
  { name: 'NotAction one action Allow', st: { Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: '*' }, expect: NOT_ACTION },
  { name: 's3:Put* on *', st: allow('s3:Put*'), expect: BROAD },
  { name: 'ec2:TerminateInstances on *', st: allow('ec2:TerminateInstances'), expect: BROAD },
  {
    name: 'ten write actions on *',
    st: allow([
      's3:PutObject',
      's3:DeleteObject',
      's3:PutBucketPolicy',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
      'sqs:SendMessage',
      'sqs:DeleteMessage',
      'sns:Publish',
      'kinesis:PutRecord',
    ]),
    expect: BROAD,
  },
  { name: 'rds:Delete* on *', st: allow(['rds:Delete*', 'rds:Modify*']), expect: BROAD },
  { name: 'iam:CreatePolicyVersion on *', st: allow('iam:CreatePolicyVersion'), expect: ESCALATION },
  { name: 'iam:AttachUserPolicy on *', st: allow(['iam:AttachUserPolicy', 'iam:ListUsers']), expect: ESCALATION },
  { name: 'iam:PutRolePolicy on every role', st: allow('iam:PutRolePolicy', 'arn:aws:iam::*:role/*'), expect: ESCALATION },
  { name: 'iam:CreateAccessKey on *', st: allow('iam:CreateAccessKey'), expect: ESCALATION },
  { name: 'iam:UpdateAssumeRolePolicy on *', st: allow('iam:UpdateAssumeRolePolicy'), expect: ESCALATION },
  { name: 'iam:Create* on *', st: allow('iam:Create*'), expect: ESCALATION },
  { name: 'iam:Attach* and iam:Put* on *', st: allow(['iam:Attach*', 'iam:Put*']), expect: ESCALATION },
  { name: 'sts:AssumeRole on *', st: allow('sts:AssumeRole'), expect: ESCALATION },
  { name: 'iam:PassRole on * with lambda:CreateFunction', st: allow(['iam:PassRole', 'lambda:CreateFunction']), expect: ESCALATION },
  {
    name: 'iam:PassRole on * and ec2:RunInstances in another statement',
    st: allow('iam:PassRole'),
    companion: allow('ec2:RunInstances', 'arn:aws:ec2:*:123456789012:instance/*'),
    expect: ESCALATION,
  },
  { name: 'iam:PassRole on * alone', st: allow('iam:PassRole'), expect: ESCALATION },
  // Negatives.
  { name: 's3:Get* on one bucket', st: allow(['s3:Get*', 's3:List*'], [BUCKET, `${BUCKET}/*`]) },
  { name: 's3:* on one bucket', st: allow('s3:*', [BUCKET, `${BUCKET}/*`]), expect: SCOPED_SERVICE },
  { name: 'dynamodb:* on one table', st: allow('dynamodb:*', [TABLE, `${TABLE}/index/*`]), expect: SCOPED_SERVICE },
  {
    name: 'Deny * on *',
    st: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
  },
  {
    name: 'Deny NotAction outside regions',
    st: {
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'support:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
    },
  },
  { name: 'ec2:Describe* on *', st: allow(['ec2:Describe*', 'autoscaling:Describe*']) },
  { name: 'read-only list on *', st: allow(['s3:ListAllMyBuckets', 'iam:GetRole', 'iam:ListRoles', 'sts:GetCallerIdentity']) },
  { name: 'cloudwatch:PutMetricData on *', st: allow(['cloudwatch:PutMetricData', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords']) },
  { name: 'ecr:GetAuthorizationToken on *', st: allow('ecr:GetAuthorizationToken') },
  { name: 'logs writes on log ARNs', st: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], 'arn:aws:logs:*:*:*') },
  { name: 'iam:PassRole on one role', st: allow('iam:PassRole', ROLE) },
  {
    name: 'iam:PassRole on * with iam:PassedToService',
    st: allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }),
  },
  {
    name: 'iam:PassRole on one role with lambda:CreateFunction',
    st: allow('iam:PassRole', ROLE),
    // Scoped: lambda:CreateFunction on "*" would be a broad grant of its own.
    companion: allow('lambda:CreateFunction', 'arn:aws:lambda:eu-west-1:123456789012:function:app-*'),
  },
  {
    name: 'iam:PassRole scoped by condition with ec2:RunInstances',
    st: allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }),
    companion: allow('ec2:RunInstances', 'arn:aws:ec2:eu-west-1:123456789012:*'),
  },
  { name: 'sts:AssumeRole on one role', st: allow('sts:AssumeRole', 'arn:aws:iam::210987654321:role/deployer') },
  {
    name: 'kms:Decrypt on one key',
    st: allow(['kms:Decrypt', 'kms:GenerateDataKey'], 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
  },
  { name: 'ssm:GetParameter* on a path', st: allow('ssm:GetParameter*', 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/*') },
  { name: 's3:PutObject on a prefix', st: allow(['s3:PutObject', 's3:DeleteObject'], `${BUCKET}/exports/*`) },
  {
    name: 'iam:CreateServiceLinkedRole with AWSServiceName',
    st: allow('iam:CreateServiceLinkedRole', '*', {
      Condition: { StringLike: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    }),
  },
  { name: 'sqs:* on one queue', st: allow('sqs:*', 'arn:aws:sqs:eu-west-1:123456789012:jobs'), expect: SCOPED_SERVICE },
  {
    name: 'ec2 writes with a tag condition',
    st: allow(['ec2:StartInstances', 'ec2:StopInstances'], '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } }),
  },
  {
    name: 'ssmmessages channel actions on *',
    st: allow(['ssmmessages:CreateControlChannel', 'ssmmessages:OpenDataChannel', 'ssm:UpdateInstanceInformation']),
  },
];

/** Trust policies (assume-role policies of roles). */
export const TRUST_CASES: Case[] = [
  {
    name: 'AWS * can assume',
    st: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
    expect: ['aws-iam-trust-any-principal'],
  },
  {
    name: 'Principal * can assume',
    st: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
    expect: ['aws-iam-trust-any-principal'],
  },
  {
    name: 'AWS [*] with tag session',
    st: { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    expect: ['aws-iam-trust-any-principal'],
  },
  {
    name: 'another account root, no ExternalId',
    st: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
    expect: ['aws-iam-cross-account-trust'],
  },
  {
    name: 'bare account id, no condition',
    st: { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' },
    expect: ['aws-iam-cross-account-trust'],
  },
  // Negatives.
  { name: 'lambda service', st: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' } },
  {
    name: 'ecs and ec2 services',
    st: { Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole' },
  },
  {
    name: 'GitHub OIDC with sub condition',
    st: {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
    },
  },
  {
    name: 'AWS * limited to the organization',
    st: {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    },
  },
  {
    name: 'another account with ExternalId',
    st: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3a' } },
    },
  },
  {
    name: 'another account with MFA',
    st: {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999988887777:root' },
      Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
  },
  {
    name: 'a named role of another account',
    st: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:role/ci-deployer' }, Action: 'sts:AssumeRole' },
  },
];

/** Resource-based policies: S3 bucket, SQS queue, SNS topic and KMS key policies. */
export const RESOURCE_CASES: Array<Case & { on: 's3' | 'sqs' | 'kms' | 'sns' }> = [
  {
    on: 's3',
    name: 'bucket readable by anyone',
    st: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` },
    expect: ['aws-resource-policy-any-principal'],
  },
  {
    on: 's3',
    name: 'bucket s3:* by AWS *',
    st: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] },
    expect: ['aws-resource-policy-any-principal'],
  },
  {
    on: 'sqs',
    name: 'queue writable by anyone',
    st: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:jobs' },
    expect: ['aws-resource-policy-any-principal'],
  },
  {
    on: 'kms',
    name: 'key usable by AWS *',
    st: { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' },
    expect: ['aws-resource-policy-any-principal'],
  },
  {
    on: 'sns',
    name: 'topic publish by anyone',
    st: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: 'arn:aws:sns:eu-west-1:123456789012:alerts' },
    expect: ['aws-resource-policy-any-principal'],
  },
  // Negatives.
  {
    on: 'kms',
    name: 'default key policy (account root, kms:*)',
    st: {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  },
  {
    on: 's3',
    name: 'deny insecure transport to *',
    st: {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  },
  {
    on: 's3',
    name: 'CloudFront service with SourceArn',
    st: {
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE' } },
    },
  },
  {
    on: 's3',
    name: 'anyone through one VPC endpoint',
    st: {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    },
  },
  {
    on: 'sqs',
    name: 'SNS topic may send, by SourceArn',
    st: {
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:alerts' } },
    },
  },
  {
    on: 'kms',
    name: 'key admins role',
    st: { Effect: 'Allow', Principal: { AWS: ROLE }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:Put*'], Resource: '*' },
  },
];

const BENIGN: Statement = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${BUCKET}/*` };

const label = (c: Case, category: string, form: string): IacLabel =>
  c.expect ? positive(c.expect, category, form, c.name) : negative(category, form, c.name);

/** One statement in a Terraform aws_iam_policy_document block. */
function policyDocumentStatement(st: Statement, indent: string): string {
  const lines: string[] = [`${indent}statement {`];
  const list = (v: Json) => hcl(Array.isArray(v) ? v : [v as string], '');
  if (st.Sid) lines.push(`${indent}  sid       = ${JSON.stringify(st.Sid)}`);
  if (st.Effect && st.Effect !== 'Allow') lines.push(`${indent}  effect    = ${JSON.stringify(st.Effect)}`);
  if (st.Action) lines.push(`${indent}  actions   = ${list(st.Action)}`);
  if (st.NotAction) lines.push(`${indent}  not_actions = ${list(st.NotAction)}`);
  if (st.Resource) lines.push(`${indent}  resources = ${list(st.Resource)}`);
  const principal = st.Principal;
  if (principal !== undefined) {
    const entries: Array<[string, Json]> = typeof principal === 'string' ? [['*', [principal]]] : Object.entries(principal as object);
    for (const [type, ids] of entries) {
      lines.push(
        `${indent}  principals {`,
        `${indent}    type        = ${JSON.stringify(type)}`,
        `${indent}    identifiers = ${list(ids)}`,
        `${indent}  }`,
      );
    }
  }
  for (const [test, vars] of Object.entries((st.Condition as Record<string, Record<string, Json>>) ?? {})) {
    for (const [variable, values] of Object.entries(vars)) {
      lines.push(
        `${indent}  condition {`,
        `${indent}    test     = ${JSON.stringify(test)}`,
        `${indent}    variable = ${JSON.stringify(variable)}`,
        `${indent}    values   = ${list(values)}`,
        `${indent}  }`,
      );
    }
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

/** The statements of a policy, the labelled one in its region, as JSON array items. */
function jsonStatements(statements: Array<Statement | { marked: Statement; label: IacLabel }>, indent: string): string {
  return statements
    .map((s) => ('marked' in s ? region(s.label as IacLabel, json(s.marked as Json, indent)) : json(s, indent)))
    .map((s) => `${indent}${s}`)
    .join(',\n');
}

function statementsOf(c: Case, l: IacLabel): Array<Statement | { marked: Statement; label: IacLabel }> {
  return [BENIGN, { marked: c.st, label: l }, ...(c.companion ? [c.companion] : [])];
}

type Form = (c: Case, category: string, i: number) => IacDocument;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

/** Identity-policy forms. */
export const IDENTITY_FORMS: Record<string, Form> = {
  'tf-jsonencode': (c, category, i) => {
    const l = label(c, category, 'tf-jsonencode');
    const type = i % 2 ? 'aws_iam_role_policy' : 'aws_iam_policy';
    const items = statementsOf(c, l)
      .map((s) =>
        'marked' in s ? `      ${region(s.label as IacLabel, hcl(s.marked as Json, '      '))},` : `      ${hcl(s as Json, '      ')},`,
      )
      .join('\n');
    return iacDocument(
      `terraform/iam-${i}/main.tf`,
      `resource "${type}" "app_${i}" {
  name = "app-${slug(c.name)}"
${type === 'aws_iam_role_policy' ? '  role = aws_iam_role.app.id\n' : ''}  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
${items}
    ]
  })
}
`,
    );
  },
  'tf-heredoc': (c, category, i) => {
    const l = label(c, category, 'tf-heredoc');
    return iacDocument(
      `terraform/heredoc-${i}/iam.tf`,
      `resource "aws_iam_user_policy" "ci_${i}" {
  name = "ci-${i}"
  user = aws_iam_user.ci.name

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
${jsonStatements(statementsOf(c, l), '    ')}
  ]
}
EOF
}
`,
    );
  },
  'tf-policy-document': (c, category, i) => {
    const l = label(c, category, 'tf-policy-document');
    const body = [
      policyDocumentStatement(BENIGN, '  '),
      region(l, policyDocumentStatement(c.st, '  ')),
      ...(c.companion ? [policyDocumentStatement(c.companion, '  ')] : []),
    ].join('\n\n');
    return iacDocument(
      `terraform/doc-${i}/policies.tf`,
      `data "aws_iam_policy_document" "worker_${i}" {
${body}
}

resource "aws_iam_policy" "worker_${i}" {
  name   = "worker-${i}"
  policy = data.aws_iam_policy_document.worker_${i}.json
}
`,
    );
  },
  'tf-sso-inline': (c, category, i) => {
    const l = label(c, category, 'tf-sso-inline');
    const items = statementsOf(c, l)
      .map((s) =>
        'marked' in s ? `      ${region(s.label as IacLabel, hcl(s.marked as Json, '      '))},` : `      ${hcl(s as Json, '      ')},`,
      )
      .join('\n');
    return iacDocument(
      `terraform/sso-${i}/permission_sets.tf`,
      `resource "aws_ssoadmin_permission_set" "team_${i}" {
  name         = "Team${i}"
  instance_arn = local.sso_instance_arn
}

resource "aws_ssoadmin_permission_set_inline_policy" "team_${i}" {
  instance_arn       = local.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.team_${i}.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
${items}
    ]
  })
}
`,
    );
  },
  'cfn-yaml': (c, category, i) => {
    const l = label(c, category, 'cfn-yaml');
    const sts = statementsOf(c, l)
      .map((s) =>
        'marked' in s ? region(s.label as IacLabel, yaml([s.marked as Json], '              ')) : yaml([s as Json], '              '),
      )
      .join('\n');
    return iacDocument(
      `cloudformation/stack-${i}.yaml`,
      `AWSTemplateFormatVersion: '2010-09-09'
Description: worker ${i}
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: !Sub 'lambda.\${AWS::URLSuffix}'
            Action: sts:AssumeRole
      Policies:
        - PolicyName: !Sub '\${AWS::StackName}-worker'
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${sts}
`,
    );
  },
  'cfn-json': (c, category, i) => {
    const l = label(c, category, 'cfn-json');
    return iacDocument(
      `cloudformation/policy-${i}.template.json`,
      `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "Roles": [{ "Ref": "AppRole" }],
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
${jsonStatements(statementsOf(c, l), '            ')}
          ]
        }
      }
    }
  }
}
`,
    );
  },
  'cfn-json-string': (c, category, i) => {
    const l = label(c, category, 'cfn-json-string');
    const one = (s: Json) => JSON.stringify(s);
    const items = statementsOf(c, l)
      .map((s) => ('marked' in s ? region(s.label as IacLabel, one(s.marked as Json)) : one(s as Json)))
      .join(',');
    return iacDocument(
      `cloudformation/string-policy-${i}.yaml`,
      `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: app-${i}
      Roles:
        - !Ref AppRole
      PolicyDocument: '{"Version":"2012-10-17","Statement":[${items}]}'
`,
    );
  },
  'json-policy': (c, category, i) => {
    const l = label(c, category, 'json-policy');
    return iacDocument(
      `policies/policy-${i}.json`,
      `{
  "Version": "2012-10-17",
  "Statement": [
${jsonStatements(statementsOf(c, l), '    ')}
  ]
}
`,
    );
  },
  'serverless-yaml': (c, category, i) => {
    const l = label(c, category, 'serverless-yaml');
    const sts = statementsOf(c, l)
      .map((s) => ('marked' in s ? region(s.label as IacLabel, yaml([s.marked as Json], '        ')) : yaml([s as Json], '        ')))
      .join('\n');
    return iacDocument(
      `services/svc-${i}/serverless.yml`,
      `service: svc-${i}
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
${sts}
functions:
  handler:
    handler: src/handler.main
`,
    );
  },
};

/** Trust-policy forms. */
const TRUST_FORMS: Record<string, Form> = {
  'tf-jsonencode': (c, category, i) =>
    iacDocument(
      `terraform/roles-${i}/main.tf`,
      `resource "aws_iam_role" "cross_${i}" {
  name = "cross-${i}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      ${region(label(c, category, 'tf-jsonencode'), hcl(c.st, '      '))},
    ]
  })
}
`,
    ),
  'tf-policy-document': (c, category, i) =>
    iacDocument(
      `terraform/trust-${i}/main.tf`,
      `data "aws_iam_policy_document" "assume_${i}" {
${region(label(c, category, 'tf-policy-document'), policyDocumentStatement(c.st, '  '))}
}

resource "aws_iam_role" "trusted_${i}" {
  name               = "trusted-${i}"
  assume_role_policy = data.aws_iam_policy_document.assume_${i}.json
}
`,
    ),
  'cfn-yaml': (c, category, i) =>
    iacDocument(
      `cloudformation/role-${i}.yml`,
      `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  CrossRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: cross-${i}
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
${region(label(c, category, 'cfn-yaml'), yaml([c.st], '          '))}
`,
    ),
  'cfn-json': (c, category, i) =>
    iacDocument(
      `cloudformation/role-${i}.json`,
      `{
  "Resources": {
    "CrossRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            ${region(label(c, category, 'cfn-json'), json(c.st, '            '))}
          ]
        }
      }
    }
  }
}
`,
    ),
  'json-policy': (c, category, i) =>
    iacDocument(
      `policies/trust-${i}.json`,
      `{
  "Version": "2012-10-17",
  "Statement": [
    ${region(label(c, category, 'json-policy'), json(c.st, '    '))}
  ]
}
`,
    ),
};

const TF_RESOURCE_POLICY = {
  s3: ['aws_s3_bucket_policy', 'bucket = aws_s3_bucket.reports.id'],
  sqs: ['aws_sqs_queue_policy', 'queue_url = aws_sqs_queue.jobs.id'],
  sns: ['aws_sns_topic_policy', 'arn = aws_sns_topic.alerts.arn'],
  kms: ['aws_kms_key', 'description = "app data"'],
} as const;
const CFN_RESOURCE_POLICY = {
  s3: ['AWS::S3::BucketPolicy', 'Bucket: !Ref ReportsBucket', 'PolicyDocument'],
  sqs: ['AWS::SQS::QueuePolicy', 'Queues:\n        - !Ref JobsQueue', 'PolicyDocument'],
  sns: ['AWS::SNS::TopicPolicy', 'Topics:\n        - !Ref AlertsTopic', 'PolicyDocument'],
  kms: ['AWS::KMS::Key', 'EnableKeyRotation: true', 'KeyPolicy'],
} as const;

type ResourceCase = (typeof RESOURCE_CASES)[number];
const RESOURCE_FORMS: Record<string, (c: ResourceCase, category: string, i: number) => IacDocument> = {
  'tf-jsonencode': (c, category, i) => {
    const [type, attr] = TF_RESOURCE_POLICY[c.on];
    return iacDocument(
      `terraform/${c.on}-${i}/policy.tf`,
      `resource "${type}" "main_${i}" {
  ${attr}
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      ${region(label(c, category, 'tf-jsonencode'), hcl(c.st, '      '))},
    ]
  })
}
`,
    );
  },
  'tf-policy-document': (c, category, i) => {
    const [type, attr] = TF_RESOURCE_POLICY[c.on];
    return iacDocument(
      `terraform/${c.on}-doc-${i}/policy.tf`,
      `data "aws_iam_policy_document" "${c.on}_${i}" {
${region(label(c, category, 'tf-policy-document'), policyDocumentStatement(c.st, '  '))}
}

resource "${type}" "main_${i}" {
  ${attr}
  policy = data.aws_iam_policy_document.${c.on}_${i}.json
}
`,
    );
  },
  'cfn-yaml': (c, category, i) => {
    const [type, prop, doc] = CFN_RESOURCE_POLICY[c.on];
    return iacDocument(
      `cloudformation/${c.on}-policy-${i}.yaml`,
      `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  MainPolicy:
    Type: ${type}
    Properties:
      ${prop}
      ${doc}:
        Version: '2012-10-17'
        Statement:
${region(label(c, category, 'cfn-yaml'), yaml([c.st], '          '))}
`,
    );
  },
  'json-policy': (c, category, i) =>
    iacDocument(
      `policies/${c.on}-resource-policy-${i}.json`,
      `{
  "Version": "2012-10-17",
  "Statement": [
    ${region(label(c, category, 'json-policy'), json(c.st, '    '))}
  ]
}
`,
    ),
};

export function awsPolicyDocuments(): IacDocument[] {
  const docs: IacDocument[] = [];
  let i = 0;
  for (const c of IDENTITY_CASES) for (const form of Object.values(IDENTITY_FORMS)) docs.push(form(c, 'aws-identity', i++));
  for (const c of TRUST_CASES) for (const form of Object.values(TRUST_FORMS)) docs.push(form(c, 'aws-trust', i++));
  for (const c of RESOURCE_CASES) for (const form of Object.values(RESOURCE_FORMS)) docs.push(form(c, 'aws-resource', i++));
  return docs;
}
