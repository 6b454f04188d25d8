import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class ReportUserStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const user = new iam.User(this, 'QuicksightUser', { userName: 'quicksight-reader' });
    Tags.of(user).add('owner', 'bi-team');

    user.addToPolicy(
      new iam.PolicyStatement({
        actions: ['athena:GetQueryResults', 'athena:GetQueryExecution'],
        resources: [`arn:aws:athena:${this.region}:${this.account}:workgroup/bi`],
      }),
    );
  }
}
