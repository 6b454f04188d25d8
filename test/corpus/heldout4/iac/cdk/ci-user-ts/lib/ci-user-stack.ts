import { Stack, StackProps, SecretValue } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class CiUserStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const user = new iam.User(this, 'BitbucketDeployer', {
      userName: 'bitbucket-deployer',
    });
    user.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: ['arn:aws:s3:::acme-web-assets/*'],
    }));

    const accessKey = new iam.AccessKey(this, 'BitbucketDeployerKey', { user });

    new secretsmanager.Secret(this, 'BitbucketDeployerSecret', {
      secretName: 'ci/bitbucket-deployer',
      secretObjectValue: {
        accessKeyId: SecretValue.unsafePlainText(accessKey.accessKeyId),
        secretAccessKey: accessKey.secretAccessKey,
      },
    });
  }
}
