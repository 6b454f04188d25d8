/**
 * Permissions boundaries (issue 12, found by bench:real-code in the CDK bootstrap template): a
 * managed policy used or named as a boundary caps what identities may do and grants nothing, so
 * its `Allow *` on `*` is no admin grant (negatives). The same document attached to an identity
 * does grant (positives). Written in CloudFormation, Terraform and CDK TypeScript.
 */
import { iacDocument, negative, positive, region, type IacDocument } from './labels';

const ADMIN = 'aws-iam-admin-wildcard';
const CATEGORY = 'aws-identity';

const cfnStatement = '          - Sid: ExplicitAllowAll\n            Effect: Allow\n            Action: "*"\n            Resource: "*"\n';
const cfnDenies =
  '          - Sid: DenyBoundaryRemoval\n            Effect: Deny\n            Action:\n              - iam:DeleteRolePermissionsBoundary\n              - iam:DeleteUserPermissionsBoundary\n            Resource: "*"\n';

function cfn(i: number, asBoundary: boolean, how: 'ref' | 'name'): IacDocument {
  const label = asBoundary
    ? negative(
        CATEGORY,
        'cfn-yaml',
        `permissions boundary (Allow * plus Denies), ${how === 'ref' ? 'referenced by PermissionsBoundary' : 'named as one'}`,
      )
    : positive(ADMIN, CATEGORY, 'cfn-yaml', `Allow * on * in a managed policy attached with ManagedPolicyArns (${how})`);
  const policyName = how === 'name' ? `      ManagedPolicyName: !Sub 'org-\${AWS::Region}-permissions-boundary-${i}'\n` : '';
  const roleLink = asBoundary
    ? how === 'ref'
      ? '      PermissionsBoundary: !Ref Cap\n'
      : ''
    : '      ManagedPolicyArns:\n        - !Ref Cap\n';
  return iacDocument(
    `cloudformation/boundary-${i}.yaml`,
    `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Cap:
    Type: AWS::IAM::ManagedPolicy
    Properties:
${policyName}      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${region(label, cfnStatement)}${cfnDenies}  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
${roleLink}      Tags:
        - Key: owner
          Value: platform
`,
  );
}

function terraform(i: number, asBoundary: boolean, how: 'ref' | 'name'): IacDocument {
  const label = asBoundary
    ? negative(
        CATEGORY,
        'tf-jsonencode',
        `permissions boundary (Allow * plus Denies), ${how === 'ref' ? 'used as permissions_boundary' : 'named as one'}`,
      )
    : positive(ADMIN, CATEGORY, 'tf-jsonencode', `Allow * on * in an aws_iam_policy attached to a role (${how})`);
  const name = how === 'name' ? `dev-permissions-boundary-${i}` : `cap-${i}`;
  const link = asBoundary ? (how === 'ref' ? '  permissions_boundary = aws_iam_policy.cap.arn\n' : '') : '';
  const attachment = asBoundary
    ? ''
    : `\nresource "aws_iam_role_policy_attachment" "cap" {\n  role       = aws_iam_role.app.name\n  policy_arn = aws_iam_policy.cap.arn\n}\n`;
  return iacDocument(
    `terraform/boundary-${i}/main.tf`,
    `resource "aws_iam_policy" "cap" {
  name = "${name}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      ${region(label, '{ Sid = "ExplicitAllowAll", Effect = "Allow", Action = "*", Resource = "*" }')},
      { Effect = "Deny", Action = ["iam:DeleteRolePermissionsBoundary"], Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "app" {
  name               = "app-${i}"
  assume_role_policy = data.aws_iam_policy_document.trust.json
${link}  tags = { owner = "platform" }
}
${attachment}`,
  );
}

function cdk(i: number, asBoundary: boolean): IacDocument {
  const label = asBoundary
    ? negative(CATEGORY, 'cdk-ts', 'permissions boundary (Allow * plus Denies) applied with PermissionsBoundary.of')
    : positive(ADMIN, CATEGORY, 'cdk-ts', 'Allow * on * in a ManagedPolicy attached to a role');
  const use = asBoundary ? 'iam.PermissionsBoundary.of(role).apply(cap);' : 'cap.attachToRole(role);';
  return iacDocument(
    `cdk/lib/boundary-${i}-stack.ts`,
    `import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

export class Boundary${i}Stack extends Stack {
  build(role: iam.IRole) {
    const cap = new iam.ManagedPolicy(this, 'Cap', {
      statements: [
        ${region(label, "new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })")},
        new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:DeleteRolePermissionsBoundary'], resources: ['*'] }),
      ],
    });
    ${use}
  }
}
`,
  );
}

export function permissionsBoundaryDocuments(): IacDocument[] {
  let i = 0;
  const docs: IacDocument[] = [];
  for (const how of ['ref', 'name'] as const)
    for (const asBoundary of [true, false]) docs.push(cfn(i++, asBoundary, how), terraform(i++, asBoundary, how));
  docs.push(cdk(i++, true), cdk(i++, false));
  return docs;
}
