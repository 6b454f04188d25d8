from aws_cdk import Stack, Tags, CfnOutput
from aws_cdk import aws_iam as iam
from constructs import Construct


class CiUserStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        user = iam.User(self, "CircleCiUser", user_name="circleci-deployer")
        Tags.of(user).add("owner", "devex")
        user.add_to_policy(
            iam.PolicyStatement(
                actions=["ecr:GetAuthorizationToken"],
                resources=["*"],
            )
        )

        key = iam.AccessKey(self, "CircleCiKey", user=user)
        CfnOutput(self, "AccessKeyId", value=key.access_key_id)
