from aws_cdk import Stack, Tags
from aws_cdk import aws_iam as iam
from constructs import Construct


class OpsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Tags.of(self).add("owner", "sre")

        runbook_role = iam.Role(
            self,
            "RunbookAutomationRole",
            assumed_by=iam.ServicePrincipal("ssm.amazonaws.com"),
            description="Role used by SSM Automation runbooks",
        )
        runbook_role.add_managed_policy(
            iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess")
        )
