variable "env" {
  type = string
}

locals {
  data_lake_bucket = "acme-datalake-${var.env}"
}

resource "aws_iam_role" "etl" {
  name = "etl-batch-${var.env}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = {
    Team = "data-platform"
  }
}

resource "aws_iam_role_policy" "etl_s3" {
  name = "datalake-access"
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "s3:*"
        Resource = [
          "arn:aws:s3:::${local.data_lake_bucket}",
          "arn:aws:s3:::${local.data_lake_bucket}/*",
        ]
      }
    ]
  })
}
