import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class LegacyIntegrationStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const dropBucket = new s3.Bucket(this, 'PartnerDrop');

    const partnerUser = new iam.User(this, 'PartnerUser', {
      userName: 'partner-sftp-sync',
    });
    cdk.Tags.of(partnerUser).add('owner', 'partnerships');
    dropBucket.grantReadWrite(partnerUser);

    const accessKey = new iam.AccessKey(this, 'PartnerUserKey', {
      user: partnerUser,
    });

    new secretsmanager.Secret(this, 'PartnerUserKeySecret', {
      secretStringValue: accessKey.secretAccessKey,
    });
  }
}
