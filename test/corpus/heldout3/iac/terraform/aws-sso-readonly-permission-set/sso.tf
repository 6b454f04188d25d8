resource "aws_ssoadmin_permission_set" "support" {
  name             = "SupportReadOnly"
  instance_arn     = var.sso_instance_arn
  session_duration = "PT8H"
  tags = {
    team = "support"
  }
}

resource "aws_ssoadmin_managed_policy_attachment" "support_view" {
  instance_arn       = var.sso_instance_arn
  managed_policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
  permission_set_arn = aws_ssoadmin_permission_set.support.arn
}

data "aws_iam_policy_document" "support_logs" {
  statement {
    sid     = "ReadAppLogs"
    actions = ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"]
    resources = [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/storefront:*",
    ]
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "support_logs" {
  inline_policy      = data.aws_iam_policy_document.support_logs.json
  instance_arn       = var.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.support.arn
}

variable "sso_instance_arn" {
  type = string
}
