from aws_cdk import Stack, Tags, Duration
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class EtlStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Tags.of(self).add("team", "data-eng")

        role = iam.Role(
            self,
            "GlueJobRole",
            assumed_by=iam.ServicePrincipal("glue.amazonaws.com"),
        )
        role.add_to_policy(
            iam.PolicyStatement(
                actions=["glue:*"],
                resources=["*"],
            )
        )
        role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"],
                resources=["arn:aws:s3:::acme-datalake-raw/*", "arn:aws:s3:::acme-datalake-curated/*"],
            )
        )

        _lambda.Function(
            self,
            "Trigger",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="trigger.handler",
            code=_lambda.Code.from_asset("lambda"),
            timeout=Duration.seconds(30),
        )
