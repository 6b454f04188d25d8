provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      owner       = "identity-team"
      cost-center = "cc-1042"
      managed-by  = "terraform"
    }
  }
}

resource "aws_iam_role" "scim_sync" {
  name = "scim-sync"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "scim_sync_basic" {
  role       = aws_iam_role.scim_sync.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
