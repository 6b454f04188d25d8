locals {
  common_tags = {
    team        = "identity"
    cost-center = "cc-2031"
    terraform   = "true"
  }
}

resource "aws_iam_role" "mailer" {
  name = "transactional-mailer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = merge(local.common_tags, {
    Name = "transactional-mailer"
  })
}

resource "aws_iam_role_policy" "mailer" {
  role = aws_iam_role.mailer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ses:SendEmail", "ses:SendRawEmail"]
      Resource = "arn:aws:ses:eu-west-1:${var.account_id}:identity/mail.acme.io"
    }]
  })
}

variable "account_id" {
  type = string
}
