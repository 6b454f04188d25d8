data "aws_ssoadmin_instances" "this" {}

locals {
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

resource "aws_ssoadmin_permission_set" "platform_admin" {
  name             = "PlatformAdmin"
  description      = "Break-glass access for the platform team"
  instance_arn     = local.instance_arn
  session_duration = "PT4H"
}

resource "aws_ssoadmin_managed_policy_attachment" "platform_admin" {
  instance_arn       = local.instance_arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  permission_set_arn = aws_ssoadmin_permission_set.platform_admin.arn
}

resource "aws_ssoadmin_permission_set" "data_eng" {
  name         = "DataEngineering"
  instance_arn = local.instance_arn
}

resource "aws_ssoadmin_permission_set_inline_policy" "data_eng" {
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data_eng.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Athena"
        Effect   = "Allow"
        Action   = ["athena:StartQueryExecution", "athena:GetQueryResults", "athena:GetQueryExecution"]
        Resource = "arn:aws:athena:eu-west-1:123456789012:workgroup/analytics"
      },
      {
        Sid      = "Lake"
        Effect   = "Allow"
        Action   = ["glue:*", "s3:*"]
        Resource = "*"
      },
    ]
  })
}
