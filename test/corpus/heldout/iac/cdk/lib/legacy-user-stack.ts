import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class LegacyUserStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const user = new iam.User(this, 'FtpBridgeUser', {
      userName: 'ftp-bridge',
    });

    const accessKey = new iam.AccessKey(this, 'FtpBridgeKey', { user });

    new secretsmanager.Secret(this, 'FtpBridgeKeySecret', {
      secretStringValue: accessKey.secretAccessKey,
    });

    user.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::acme-ftp-bridge/incoming/*'],
      }),
    );
  }
}
