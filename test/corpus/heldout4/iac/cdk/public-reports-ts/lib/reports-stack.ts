import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class ReportsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    cdk.Tags.of(this).add('owner', 'analytics');

    const reports = new s3.Bucket(this, 'Reports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, restrictPublicBuckets: false }),
    });

    const generator = new lambda.Function(this, 'Generator', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'generate.handler',
      code: lambda.Code.fromAsset('lambda/generate'),
    });
    reports.grantReadWrite(generator);

    reports.grantRead(new iam.AnyPrincipal());
  }
}
