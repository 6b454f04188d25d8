provider "aws" {
  region = "us-west-2"
}

module "deployer_role" {
  source = "./modules/iam-role"

  name            = "release-deployer"
  trusted_service = "codebuild.amazonaws.com"
  policy_arns = {
    AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"
  }

  tags = {
    Owner       = "release-engineering"
    Environment = "prod"
  }
}

module "reporting_role" {
  source = "./modules/iam-role"

  name            = "nightly-reporting"
  trusted_service = "glue.amazonaws.com"
  policy_arns = {
    GlueService = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"
  }

  tags = {
    Owner       = "analytics"
    Environment = "prod"
  }
}
