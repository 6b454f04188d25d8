import json

import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()

firehose_role = aws.iam.Role(
    "firehose-delivery",
    name=f"firehose-delivery-{stack}",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "firehose.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
    tags={"Name": f"firehose-delivery-{stack}", "Stack": stack},
)

pulumi.export("firehose_role_arn", firehose_role.arn)
