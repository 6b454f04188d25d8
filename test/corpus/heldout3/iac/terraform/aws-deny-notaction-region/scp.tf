data "aws_iam_policy_document" "region_guard" {
  statement {
    sid       = "DenyOutsideEU"
    effect    = "Deny"
    not_actions = [
      "iam:*",
      "organizations:*",
      "route53:*",
      "cloudfront:*",
      "support:*",
      "sts:*",
    ]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }
}

resource "aws_organizations_policy" "region_guard" {
  name    = "region-guard"
  type    = "SERVICE_CONTROL_POLICY"
  content = data.aws_iam_policy_document.region_guard.json
}

data "aws_iam_policy_document" "inventory" {
  statement {
    actions = [
      "ec2:DescribeInstances",
      "ec2:DescribeVolumes",
      "rds:DescribeDBInstances",
      "tag:GetResources",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "inventory" {
  name   = "inventory-read"
  policy = data.aws_iam_policy_document.inventory.json
}
