import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

describe('Serverless Framework IAM', () => {
  const engine = defaultEngine();
  const scan = (text: string) =>
    engine
      .scan({ path: 'services/api/serverless.yml', text })
      .findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);

  it('privileged managed policies of the shared role, v3 and v1/v2 spellings, literal or built with intrinsics', () => {
    const v3 = `service: api\nprovider:\n  name: aws\n  iam:\n    role:\n      managedPolicies:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess\n`;
    assert.deepEqual(scan(v3), ['aws-iam-privileged-managed-policy@7:arn:aws:iam::aws:policy/AdministratorAccess']);
    const v2 = `service: api\nprovider:\n  name: aws\n  iamManagedPolicies:\n    - Fn::Join: ["", ["arn:", { Ref: AWS::Partition }, ":iam::aws:policy/PowerUserAccess"]]\n`;
    assert.deepEqual(
      scan(v2).map((f) => f.split(':')[0]),
      ['aws-iam-privileged-managed-policy@5'],
    );
    assert.deepEqual(scan(v3.replace('AdministratorAccess', 'ReadOnlyAccess')), []);
  });

  it('per-function statements (serverless-iam-roles-per-function) are analysed, one finding per statement', () => {
    const text = `service: media\nplugins:\n  - serverless-iam-roles-per-function\nprovider:\n  name: aws\nfunctions:\n  transcode:\n    handler: t.handler\n    iamRoleStatements:\n      - Effect: Allow\n        Action: [s3:*]\n        Resource: "*"\n      - Effect: Allow\n        Action: s3:GetObject\n        Resource: arn:aws:s3:::media/*\n  notify:\n    handler: n.handler\n`;
    const found = engine.scan({ path: 'serverless.yml', text }).findings;
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['aws-iam-service-wildcard'],
    );
    assert.match(found[0].message, /functions\.transcode/);
  });
});
