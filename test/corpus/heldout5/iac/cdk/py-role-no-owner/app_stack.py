from aws_cdk import Stack, aws_iam as iam, aws_s3 as s3
from constructs import Construct


class ExportStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        bucket = s3.Bucket(self, "ExportBucket", enforce_ssl=True)

        export_role = iam.Role(
            self,
            "ExportRole",
            role_name="partner-export",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        )
        bucket.grant_put(export_role)
