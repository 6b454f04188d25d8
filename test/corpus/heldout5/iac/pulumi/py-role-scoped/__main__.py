"""Queue consumer infrastructure."""
import json

import pulumi
import pulumi_aws as aws

queue = aws.sqs.Queue("orders", visibility_timeout_seconds=120)

consumer_role = aws.iam.Role(
    "orders-consumer",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
    tags={"owner": "orders-team", "env": pulumi.get_stack()},
)

aws.iam.RolePolicy(
    "orders-consumer-sqs",
    role=consumer_role.id,
    policy=queue.arn.apply(lambda arn: json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            "Resource": arn,
        }],
    })),
)

aws.iam.RolePolicyAttachment(
    "orders-consumer-logs",
    role=consumer_role.name,
    policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
)

pulumi.export("role_arn", consumer_role.arn)
