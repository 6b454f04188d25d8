import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Role, ServicePrincipal, ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class OpsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const runner = new Role(this, 'RunbookRole', {
      assumedBy: new ServicePrincipal('ssm.amazonaws.com'),
      description: 'Automation runbooks',
    });
    Tags.of(runner).add('owner', 'sre');

    runner.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  }
}
