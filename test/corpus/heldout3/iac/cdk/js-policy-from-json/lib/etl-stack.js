const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');

class EtlStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    const role = new iam.Role(this, 'EtlRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    });

    role.addToPolicy(
      iam.PolicyStatement.fromJson({
        Effect: 'Allow',
        Action: ['glue:*', 's3:*'],
        Resource: '*',
      }),
    );
  }
}

module.exports = { EtlStack };
