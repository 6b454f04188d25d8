variable "external_id" {
  type      = string
  sensitive = true
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::754135023419:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "cost_tool" {
  name               = "cost-explorer-integration"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags = {
    owner = "finops"
  }
}

resource "aws_iam_role_policy_attachment" "cost_tool" {
  role       = aws_iam_role.cost_tool.name
  policy_arn = "arn:aws:iam::aws:policy/AWSBillingReadOnlyAccess"
}
