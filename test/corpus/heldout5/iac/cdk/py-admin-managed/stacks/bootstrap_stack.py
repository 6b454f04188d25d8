from aws_cdk import Stack, Tags, aws_iam as iam
from constructs import Construct


class AccountBootstrapStack(Stack):
    """Roles every new account gets."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        read_only = iam.Role(
            self,
            "AuditReadOnly",
            assumed_by=iam.ServicePrincipal("config.amazonaws.com"),
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name("service-role/AWS_ConfigRole")],
        )
        Tags.of(read_only).add("owner", "cloud-governance")

        provisioner = iam.Role(
            self,
            "Provisioner",
            assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess"),
            ],
        )
        Tags.of(provisioner).add("owner", "cloud-governance")
