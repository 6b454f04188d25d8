data "aws_iam_policy_document" "base" {
  statement {
    sid       = "ReadConfig"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:eu-west-1:123456789012:parameter/app/*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    sid         = "AllButIdentity"
    effect      = "Allow"
    not_actions = ["iam:*", "sts:*", "organizations:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "combined" {
  name   = "contractor"
  policy = data.aws_iam_policy_document.combined.json
}
