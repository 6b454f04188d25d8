import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export class SharedDataStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const table = dynamodb.Table.fromTableName(this, 'Catalog', 'product-catalog');

    const consumerRole = new iam.Role(this, 'CatalogConsumer', {
      roleName: 'catalog-consumer',
      assumedBy: new iam.AccountPrincipal('444455556666'),
    });
    Tags.of(consumerRole).add('team', 'catalog');
    table.grantReadData(consumerRole);
  }
}
