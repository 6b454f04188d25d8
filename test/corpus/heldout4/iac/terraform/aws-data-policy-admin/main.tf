provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Owner     = "platform-engineering"
      ManagedBy = "terraform"
    }
  }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "terraform_runner_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "terraform_runner" {
  name               = "terraform-runner"
  assume_role_policy = data.aws_iam_policy_document.terraform_runner_trust.json
}

data "aws_iam_policy" "administrator" {
  name = "AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "terraform_runner_admin" {
  role       = aws_iam_role.terraform_runner.name
  policy_arn = data.aws_iam_policy.administrator.arn
}

resource "aws_codebuild_project" "terraform_apply" {
  name         = "terraform-apply"
  service_role = aws_iam_role.terraform_runner.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "hashicorp/terraform:1.7"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.${var.region}.amazonaws.com/v1/repos/infra-live"
  }
}
