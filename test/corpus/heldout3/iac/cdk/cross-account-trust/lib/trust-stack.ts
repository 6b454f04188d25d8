import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class TrustStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const auditRole = new iam.Role(this, 'AuditRole', {
      roleName: 'central-audit',
      assumedBy: new iam.AccountPrincipal('210987654321'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    });

    const vendorRole = new iam.Role(this, 'VendorRole', {
      roleName: 'vendor-readonly',
      assumedBy: new iam.AccountPrincipal('389287263419').withConditions({
        StringEquals: { 'sts:ExternalId': 'acme-7f3c2a' },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });

    void auditRole;
    void vendorRole;
  }
}
