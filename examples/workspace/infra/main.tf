provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "ci" {
  name = "payments-ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_user_policy" "ci" {
  name = "ci-deploy"
  user = aws_iam_user.ci.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_db_instance" "payments" {
  identifier = "payments"
  engine     = "postgres"
  username   = "payments"
  password   = "dKUkz75663pI!"
}
