resource "aws_iam_role" "firehose" {
  name = "clickstream-firehose"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
    }]
  })

  tags = {
    Name        = "clickstream-firehose"
    Environment = "production"
    Terraform   = "true"
  }
}

resource "aws_iam_role_policy" "firehose" {
  name = "deliver-to-s3"
  role = aws_iam_role.firehose.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
        "s3:PutObject",
      ]
      Resource = [aws_s3_bucket.clickstream.arn, "${aws_s3_bucket.clickstream.arn}/*"]
    }]
  })
}

resource "aws_s3_bucket" "clickstream" {
  bucket = "acme-clickstream-raw"
}

resource "aws_kinesis_firehose_delivery_stream" "clickstream" {
  name        = "clickstream"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.clickstream.arn
  }
}
