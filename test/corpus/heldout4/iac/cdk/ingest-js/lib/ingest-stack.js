const { Stack, Tags, Duration } = require('aws-cdk-lib');
const sqs = require('aws-cdk-lib/aws-sqs');
const iam = require('aws-cdk-lib/aws-iam');

class IngestStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    Tags.of(this).add('owner', 'ingest');

    const queue = new sqs.Queue(this, 'IngestQueue', {
      visibilityTimeout: Duration.seconds(300),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });

    const sendStatement = new iam.PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
    });
    sendStatement.addAnyPrincipal();
    queue.addToResourcePolicy(sendStatement);
  }
}

module.exports = { IngestStack };
