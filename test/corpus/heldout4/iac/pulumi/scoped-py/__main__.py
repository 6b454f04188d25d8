import pulumi
import pulumi_aws as aws

queue = aws.sqs.Queue("events", visibility_timeout_seconds=60)

doc = aws.iam.get_policy_document(statements=[
    aws.iam.GetPolicyDocumentStatementArgs(
        effect="Allow",
        actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        resources=["arn:aws:sqs:eu-west-1:123456789012:events-*"],
    ),
])

consumer_role = aws.iam.Role(
    "events-consumer",
    assume_role_policy=aws.iam.get_policy_document(statements=[
        aws.iam.GetPolicyDocumentStatementArgs(
            actions=["sts:AssumeRole"],
            principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(
                type="Service", identifiers=["ecs-tasks.amazonaws.com"])],
        ),
    ]).json,
    tags={"team": "events", "env": pulumi.get_stack()},
)

aws.iam.RolePolicy("events-consumer", role=consumer_role.id, policy=doc.json)
