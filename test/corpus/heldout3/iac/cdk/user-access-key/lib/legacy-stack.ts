import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class LegacyIntegrationStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const user = new iam.User(this, 'ErpUser', {
      userName: 'erp-integration',
    });
    const accessKey = new iam.AccessKey(this, 'ErpKey', { user });

    new secretsmanager.Secret(this, 'ErpKeySecret', {
      secretStringValue: accessKey.secretAccessKey,
    });

    user.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: ['arn:aws:sqs:eu-west-1:123456789012:erp-inbound'],
      }),
    );
  }
}
