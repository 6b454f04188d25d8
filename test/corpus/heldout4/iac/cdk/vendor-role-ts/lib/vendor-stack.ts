import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface VendorStackProps extends StackProps {
  readonly externalId: string;
}

export class VendorStack extends Stack {
  constructor(scope: Construct, id: string, props: VendorStackProps) {
    super(scope, id, props);
    Tags.of(this).add('owner', 'finops');

    const role = new iam.Role(this, 'CostToolRole', {
      assumedBy: new iam.AccountPrincipal('999988887777').withConditions({
        StringEquals: { 'sts:ExternalId': props.externalId },
      }),
    });
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBillingReadOnlyAccess'));
  }
}
