# Monitoring agent: Describe/List/Get calls do not support resource-level permissions.
data "aws_iam_policy_document" "agent" {
  statement {
    sid = "Discovery"
    actions = [
      "ec2:DescribeInstances",
      "ec2:DescribeTags",
      "ec2:DescribeVolumes",
      "autoscaling:DescribeAutoScalingGroups",
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
      "tag:GetResources",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "PutMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Acme/Agent"]
    }
  }
}

resource "aws_iam_role" "agent" {
  name               = "monitoring-agent"
  assume_role_policy = data.aws_iam_policy_document.ec2.json
  tags               = { owner = "observability" }
}

resource "aws_iam_role_policy" "agent" {
  role   = aws_iam_role.agent.id
  policy = data.aws_iam_policy_document.agent.json
}
