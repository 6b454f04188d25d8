resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-build-artifacts-${var.environment}"
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  versioning_configuration {
    status = "Enabled"
  }
}

variable "environment" {
  type    = string
  default = "prod"
}
