resource "aws_iam_openid_connect_provider" "gha" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  thumbprint_list = [
    "6938fd4d98bab03faadb97b34396831e3780aea1",
    "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
  ]
}

data "aws_iam_policy_document" "gha_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.gha.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:*"]
    }
  }
}

resource "aws_iam_role" "gha_readonly" {
  name               = "gha-terraform-plan"
  assume_role_policy = data.aws_iam_policy_document.gha_trust.json
  tags = {
    Owner = "platform"
  }
}

resource "aws_iam_role_policy_attachment" "gha_readonly" {
  role       = aws_iam_role.gha_readonly.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
