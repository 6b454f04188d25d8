import { Stack, StackProps, Tags, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class PartnerAccessStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    Tags.of(this).add('team', 'partnerships');

    const exports = s3.Bucket.fromBucketName(this, 'Exports', 'acme-partner-exports');

    const partnerRole = new iam.Role(this, 'PartnerReadRole', {
      roleName: 'partner-export-reader',
      assumedBy: new iam.AccountPrincipal('111122223333'),
      maxSessionDuration: Duration.hours(1),
    });
    exports.grantRead(partnerRole);
  }
}
