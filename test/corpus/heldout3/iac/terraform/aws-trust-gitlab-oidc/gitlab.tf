data "aws_iam_policy_document" "gitlab_any_project" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/gitlab.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "gitlab.com:aud"
      values   = ["https://gitlab.com"]
    }
    condition {
      test     = "StringLike"
      variable = "gitlab.com:sub"
      values   = ["project_path:*:ref_type:branch:ref:*"]
    }
  }
}

resource "aws_iam_role" "gitlab_runner" {
  name               = "gitlab-runner-deploy"
  assume_role_policy = data.aws_iam_policy_document.gitlab_any_project.json
  tags               = { owner = "devex" }
}
