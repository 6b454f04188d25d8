resource "aws_s3_bucket" "uploads" {
  bucket = "acme-partner-uploads"
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PartnerDrop"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"]
        Resource  = "${aws_s3_bucket.uploads.arn}/*"
      }
    ]
  })
}
