data "aws_ssoadmin_instances" "this" {}

locals {
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

resource "aws_ssoadmin_permission_set" "platform_admin" {
  name             = "PlatformAdmin"
  instance_arn     = local.instance_arn
  session_duration = "PT4H"
}

resource "aws_ssoadmin_managed_policy_attachment" "platform_admin" {
  instance_arn       = local.instance_arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  permission_set_arn = aws_ssoadmin_permission_set.platform_admin.arn
}

resource "aws_ssoadmin_permission_set" "data_analyst" {
  name         = "DataAnalyst"
  instance_arn = local.instance_arn
}

resource "aws_ssoadmin_permission_set_inline_policy" "data_analyst" {
  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data_analyst.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["athena:*"]
        Resource = "arn:aws:athena:*:*:workgroup/analysts"
      },
      {
        Effect   = "Allow"
        Action   = ["glue:*", "s3:*"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_ssoadmin_permission_set" "viewer" {
  name         = "Viewer"
  instance_arn = local.instance_arn
}

resource "aws_ssoadmin_managed_policy_attachment" "viewer" {
  instance_arn       = local.instance_arn
  managed_policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
  permission_set_arn = aws_ssoadmin_permission_set.viewer.arn
}
