import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Developer sandbox: every role created in this stack is capped by the boundary. */
export class SandboxBoundaryStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    Tags.of(this).add('team', 'cloud-foundations');

    const boundary = new iam.ManagedPolicy(this, 'SandboxBoundary', {
      managedPolicyName: 'sandbox-permissions-boundary',
      statements: [
        new iam.PolicyStatement({
          actions: ['*'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['iam:CreateUser', 'iam:CreateAccessKey', 'organizations:*', 'account:*'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
          resources: ['*'],
        }),
      ],
    });
    iam.PermissionsBoundary.of(this).apply(boundary);
  }
}
