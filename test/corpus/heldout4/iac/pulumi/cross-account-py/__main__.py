"""Reporting role assumed by the BI vendor's account."""
import json

import pulumi
import pulumi_aws as aws

reporting_role = aws.iam.Role(
    "bi-vendor-reporting",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
            "Action": "sts:AssumeRole",
        }],
    }),
    tags={"owner": "data-platform"},
)

aws.iam.RolePolicy(
    "bi-vendor-read",
    role=reporting_role.id,
    policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["athena:StartQueryExecution", "athena:GetQueryResults"],
            "Resource": "arn:aws:athena:eu-west-1:123456789012:workgroup/bi",
        }],
    }),
)

pulumi.export("role_arn", reporting_role.arn)
