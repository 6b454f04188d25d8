import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class DeployerStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const role = new iam.Role(this, 'Deployer', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
    });

    const passRole = new iam.PolicyStatement();
    passRole.addActions('iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:UpdateService');
    passRole.addAllResources();
    role.addToPrincipalPolicy(passRole);
  }
}
