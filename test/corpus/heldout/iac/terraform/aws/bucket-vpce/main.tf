resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Id": "VPCEOnly",
  "Statement": [
    {
      "Sid": "AllowFromVpce",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": [
        "arn:aws:s3:::acme-build-artifacts",
        "arn:aws:s3:::acme-build-artifacts/*"
      ],
      "Condition": {
        "StringEquals": {
          "aws:SourceVpce": "vpce-1a2b3c4d"
        }
      }
    }
  ]
}
POLICY
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-build-artifacts"
}
