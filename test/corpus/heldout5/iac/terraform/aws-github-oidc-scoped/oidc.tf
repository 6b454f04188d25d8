data "aws_iam_policy_document" "gha_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:acme-corp/payments-api:ref:refs/heads/main"]
    }
  }
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "gha" {
  name               = "payments-api-deploy"
  assume_role_policy = data.aws_iam_policy_document.gha_trust.json
  tags = {
    Team = "payments"
  }
}
