resource "aws_iam_role" "deployer" {
  name               = "lambda-deployer"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags = {
    owner = "release-eng"
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid = "DeployFunctions"
    actions = [
      "lambda:CreateFunction",
      "lambda:UpdateFunctionCode",
      "lambda:InvokeFunction",
      "iam:PassRole",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-build-artifacts/*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.deploy.json
}
