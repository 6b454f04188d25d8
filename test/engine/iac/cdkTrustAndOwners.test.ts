import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

const stack = (body: string) => `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;

describe('AWS CDK: account trust and IAM user owners', () => {
  const engine = defaultEngine();
  /** `ruleId@line:text` of each finding. */
  const scan = (body: string) => {
    const text = stack(body);
    return engine
      .scan({ path: 'lib/app-stack.ts', text })
      .findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}`);
  };

  it('a role assumed by another account with no conditions is cross-account trust, named by its variable', () => {
    const body = `    const partner = new iam.Role(this, 'Partner', { assumedBy: new iam.AccountPrincipal('123456789012') });\n    cdk.Tags.of(partner).add('owner', 'partners');`;
    assert.deepEqual(scan(body), [`aws-iam-cross-account-trust@8:new iam.AccountPrincipal('123456789012')`]);
    const text = stack(body);
    const finding = engine.scan({ path: 'lib/app-stack.ts', text }).findings[0];
    assert.match(finding.message, /can assume partner:/);
  });

  it('an account root given as an ArnPrincipal is the same; a named role of it is not', () => {
    assert.deepEqual(
      scan(`    new iam.Role(this, 'Partner', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::123456789012:root') });`).map(
        (f) => f.split('@')[0],
      ),
      ['aws-iam-cross-account-trust'],
    );
    assert.deepEqual(
      scan(`    new iam.Role(this, 'Partner', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::123456789012:role/sync') });`),
      [],
    );
  });

  it('conditions, or an account that is not a literal (this stack’s own), are not reported', () => {
    assert.deepEqual(
      scan(
        `    new iam.Role(this, 'Vendor', {\n      assumedBy: new iam.AccountPrincipal('123456789012').withConditions({ StringEquals: { 'sts:ExternalId': 'x-1' } }),\n    });`,
      ),
      [],
    );
    assert.deepEqual(scan(`    new iam.Role(this, 'Self', { assumedBy: new iam.AccountPrincipal(this.account) });`), []);
  });

  it('an IAM user with no owner tag in its file is missing-owner-tag; a tag on the user or the stack owns it', () => {
    assert.deepEqual(scan(`    const user = new iam.User(this, 'Sftp', { userName: 'sftp' });`), ['missing-owner-tag@8:new iam.User']);
    assert.deepEqual(scan(`    const user = new iam.User(this, 'Sftp');\n    cdk.Tags.of(user).add('owner', 'storage');`), []);
    assert.deepEqual(scan(`    cdk.Tags.of(this).add('Owner', 'storage');\n    new iam.User(this, 'Sftp');`), []);
    // A tag that is not an owner key does not count.
    assert.deepEqual(
      scan(`    const user = new iam.User(this, 'Sftp');\n    cdk.Tags.of(user).add('cost-centre', '42');`).map((f) => f.split('@')[0]),
      ['missing-owner-tag'],
    );
  });

  it('a User class of the application (no aws-iam import) is not an IAM user', () => {
    const text = `import * as cdk from 'aws-cdk-lib';\nclass User { constructor(readonly name: string) {} }\nexport const admin = new User('admin');\n`;
    assert.deepEqual(engine.scan({ path: 'lib/users.ts', text }).findings, []);
  });
});
