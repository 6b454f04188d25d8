data "aws_iam_policy_document" "ops" {
  statement {
    sid       = "EC2Everything"
    effect    = "Allow"
    actions   = ["ec2:*"]
    resources = ["*"]
  }

  statement {
    sid    = "ReadTags"
    effect = "Allow"
    actions = [
      "tag:GetResources",
      "tag:GetTagKeys",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ops" {
  name        = "ec2-ops"
  description = "Operators manage the fleet"
  policy      = data.aws_iam_policy_document.ops.json
}

resource "aws_iam_group" "ops" {
  name = "ec2-operators"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = aws_iam_policy.ops.arn
}
