import * as assert from 'node:assert/strict';
import type { Finding } from '../../../engine';
import { builtinRules, testEngine } from '../../support/engineFixture';

/** `ruleId@line:text` of each IaC finding: the exact element reported, 1-based line. */
const summary = (text: string, findings: Finding[]) =>
  findings
    .filter((f) => f.ruleId !== 'missing-owner-tag')
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

describe('IaC forms the fourth held-out set found missing', () => {
  const engine = testEngine({ rules: builtinRules() });
  const scan = (path: string, text: string) => summary(text, engine.scan({ path, text }).findings);

  describe('service:* on resources named by reference', () => {
    const cfn = (resources: string, action = 's3:*') =>
      `Resources:\n  Job:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: '${action}'\n            Resource:\n${resources}\n`;

    it('reports s3:* on !GetAtt and !Sub bucket ARNs once, at the lower severity', () => {
      const text = cfn(`              - !GetAtt Bucket.Arn\n              - !Sub '\${Bucket.Arn}/*'`);
      assert.deepEqual(scan('t.yaml', text), ['aws-iam-service-wildcard-on-resource@9:s3:*']);
      const [finding] = engine.scan({ path: 't.yaml', text }).findings;
      assert.equal(finding.severity, 'info');
      assert.match(finding.message, /on its 2 resources/);
    });

    it('reports s3:* on a Terraform ARN built from a local, naming the reference when it is the only resource', () => {
      const text = `resource "aws_iam_role_policy" "etl" {\n  role = "etl"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.lake.arn }]\n  })\n}\n`;
      assert.deepEqual(scan('iam.tf', text), ['aws-iam-service-wildcard-on-resource@4:s3:*']);
      assert.match(engine.scan({ path: 'iam.tf', text }).findings[0].message, /on aws_s3_bucket\.lake\.arn/);
    });

    it('says nothing for named actions on the same references, or for service:* under a condition', () => {
      assert.deepEqual(scan('t.yaml', cfn(`              - !GetAtt Bucket.Arn`, 's3:GetObject')), []);
      const conditioned = cfn(`              - !GetAtt Bucket.Arn`).replace(
        '            Resource:',
        '            Condition:\n              Bool:\n                aws:SecureTransport: "true"\n            Resource:',
      );
      assert.deepEqual(scan('t.yaml', conditioned), []);
    });
  });

  describe('reading every secret of the account', () => {
    const policy = (action: string, resource: string, extra = '') =>
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}]}`;

    it('reports secretsmanager:GetSecretValue and ssm:GetParameters on "*", at the action', () => {
      assert.deepEqual(scan('p.json', policy('["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]', '"*"')), [
        'aws-iam-secret-read-any-resource@1:secretsmanager:GetSecretValue',
      ]);
      assert.deepEqual(scan('p.json', policy('"ssm:GetParameters"', '"*"')), ['aws-iam-secret-read-any-resource@1:ssm:GetParameters']);
    });

    it('reports a wildcard that expands to a secret read, and every secret or parameter ARN of the account', () => {
      assert.deepEqual(scan('p.json', policy('"secretsmanager:Get*"', '"*"')), ['aws-iam-secret-read-any-resource@1:secretsmanager:Get*']);
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"arn:aws:secretsmanager:*:123456789012:secret:*"')), [
        'aws-iam-secret-read-any-resource@1:secretsmanager:GetSecretValue',
      ]);
      assert.deepEqual(scan('p.json', policy('"ssm:GetParametersByPath"', '"arn:aws:ssm:eu-west-1:123456789012:parameter/*"')), [
        'aws-iam-secret-read-any-resource@1:ssm:GetParametersByPath',
      ]);
    });

    it('takes the secret read over a write on "*" in the same statement, the write as a related place', () => {
      const [finding, ...rest] = engine.scan({
        path: 'p.json',
        text: policy('["s3:PutObject", "secretsmanager:GetSecretValue"]', '"*"'),
      }).findings;
      assert.equal(rest.length, 0);
      assert.equal(finding.ruleId, 'aws-iam-secret-read-any-resource');
      assert.equal(finding.related?.length, 1);
    });

    it('says nothing for secrets under a path, a tag condition, DescribeSecret alone or a Deny', () => {
      assert.deepEqual(
        scan('p.json', policy('"secretsmanager:GetSecretValue"', '"arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/*"')),
        [],
      );
      assert.deepEqual(scan('p.json', policy('"ssm:GetParameter"', '"arn:aws:ssm:eu-west-1:123456789012:parameter/app/*"')), []);
      const tagged = ', "Condition": {"StringEquals": {"secretsmanager:ResourceTag/app": "ledger"}}';
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"*"', tagged)), []);
      assert.deepEqual(scan('p.json', policy('["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets"]', '"*"')), []);
      assert.deepEqual(scan('p.json', policy('"secretsmanager:GetSecretValue"', '"*"').replace('"Allow"', '"Deny"')), []);
    });
  });
});
