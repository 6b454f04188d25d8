resource "aws_iam_role" "etl" {
  name = "nightly-etl"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })

  inline_policy {
    name = "etl-access"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:ListBucket"]
          Resource = ["arn:aws:s3:::acme-raw", "arn:aws:s3:::acme-raw/*"]
        },
        {
          Effect   = "Allow"
          Action   = "redshift:*"
          Resource = "*"
        },
      ]
    })
  }

  tags = {
    owner = "analytics"
  }
}
