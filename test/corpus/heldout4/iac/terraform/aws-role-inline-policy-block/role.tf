resource "aws_iam_role" "account_bootstrap" {
  name = "account-bootstrap"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })

  inline_policy {
    name = "bootstrap"

    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Action   = ["iam:*"]
          Effect   = "Allow"
          Resource = "*"
        },
      ]
    })
  }

  inline_policy {
    name = "read-config"

    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Action   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
          Effect   = "Allow"
          Resource = "arn:aws:ssm:*:*:parameter/bootstrap/*"
        },
      ]
    })
  }

  tags = {
    Owner = "cloud-foundations"
  }
}
