import json
import pulumi
import pulumi_aws as aws

ci_role = aws.iam.Role(
    "ci-runner",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "codebuild.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
    tags={"Team": "devex"},
)

ci_policy = aws.iam.Policy(
    "ci-runner-policy",
    description="Permissions for the CI runner",
    policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["ecr:GetAuthorizationToken"],
                "Resource": "*",
            },
            {
                "Effect": "Allow",
                "Action": ["iam:*"],
                "Resource": "*",
            },
        ],
    }),
)

aws.iam.RolePolicyAttachment("ci-runner-attach", role=ci_role.name, policy_arn=ci_policy.arn)
