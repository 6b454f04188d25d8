import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    cdk.Tags.of(this).add('owner', 'items-team');

    const table = new dynamodb.Table(this, 'Items', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const dbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'ApiKeySecret', 'prod/items-api/upstream');

    const handler = new lambda.Function(this, 'ItemsHandler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      code: lambda.Code.fromAsset('src'),
      handler: 'items.handler',
      environment: {
        TABLE_NAME: table.tableName,
        SECRET_ARN: dbSecret.secretArn,
      },
    });

    table.grantReadWriteData(handler);
    dbSecret.grantRead(handler);

    new apigw.LambdaRestApi(this, 'ItemsApi', { handler });
  }
}
