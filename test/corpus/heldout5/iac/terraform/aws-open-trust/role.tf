resource "aws_iam_role" "shared_reader" {
  name               = "shared-artifacts-reader"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags = {
    team = "artifacts"
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
