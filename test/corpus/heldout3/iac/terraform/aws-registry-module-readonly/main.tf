module "github_oidc_reader" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"
  version = "5.39.1"

  name     = "gh-plan-reader"
  subjects = ["acme/infrastructure:pull_request"]

  policies = {
    ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }

  tags = {
    owner = "platform"
  }
}
