from aws_cdk import (
    Stack,
    Tags,
    aws_iam as iam,
    aws_ecs as ecs,
)
from constructs import Construct


class ReportingStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        task_role = iam.Role(
            self,
            "ReportingTaskRole",
            assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description="Role for the nightly reporting task",
        )
        Tags.of(task_role).add("team", "analytics")

        task_role.add_to_policy(
            iam.PolicyStatement(
                actions=["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                resources=["*"],
            )
        )

        task_role.add_to_policy(
            iam.PolicyStatement(
                actions=["athena:StartQueryExecution", "athena:GetQueryResults"],
                resources=[f"arn:aws:athena:{self.region}:{self.account}:workgroup/reporting"],
            )
        )

        ecs.FargateTaskDefinition(self, "ReportingTask", task_role=task_role, cpu=512, memory_limit_mib=1024)
