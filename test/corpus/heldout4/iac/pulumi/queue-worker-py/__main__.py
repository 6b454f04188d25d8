import json

import pulumi
import pulumi_aws as aws

queue = aws.sqs.Queue("jobs", message_retention_seconds=86400)

worker_role = aws.iam.Role(
    "jobs-worker",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
    tags={"Environment": "production", "ManagedBy": "pulumi"},
)

aws.iam.RolePolicy(
    "jobs-worker-queue",
    role=worker_role.id,
    policy=queue.arn.apply(lambda arn: json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
            "Resource": arn,
        }],
    })),
)

pulumi.export("worker_role", worker_role.arn)
