import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as athena from 'aws-cdk-lib/aws-athena';
import { Construct } from 'constructs';

export class ReportingStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    new athena.CfnWorkGroup(this, 'BiWorkgroup', {
      name: 'bi-tool',
      workGroupConfiguration: { enforceWorkGroupConfiguration: true },
    });

    const biUser = new iam.User(this, 'BiToolUser', {
      userName: 'tableau-connector',
    });
    cdk.Tags.of(biUser).add('purpose', 'bi-connector');
  }
}
