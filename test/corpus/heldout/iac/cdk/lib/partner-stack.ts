import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class PartnerStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const partnerRole = new iam.Role(this, 'PartnerRole', {
      assumedBy: new iam.AccountPrincipal('210987654321'),
      roleName: 'partner-data-pull',
    });
    cdk.Tags.of(partnerRole).add('owner', 'partnerships');

    const vendorRole = new iam.Role(this, 'VendorRole', {
      assumedBy: new iam.AccountPrincipal('464622532012').withConditions({
        StringEquals: { 'sts:ExternalId': 'acme-7f3c1e' },
      }),
    });
    cdk.Tags.of(vendorRole).add('owner', 'security');
    vendorRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit'));

    partnerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::acme-partner-exports/*'],
      }),
    );
  }
}
