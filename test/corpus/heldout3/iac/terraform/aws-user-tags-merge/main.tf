locals {
  common_tags = {
    owner       = "data-eng"
    environment = var.environment
  }
}

variable "environment" {
  type    = string
  default = "prod"
}

resource "aws_iam_user" "tableau" {
  name = "tableau-extract-${var.environment}"
  tags = merge(local.common_tags, {
    Name = "tableau-extract"
  })
}

resource "aws_iam_user_policy" "tableau_extract" {
  name = "read-extracts"
  user = aws_iam_user.tableau.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::acme-extracts-${var.environment}", "arn:aws:s3:::acme-extracts-${var.environment}/*"]
    }]
  })
}
