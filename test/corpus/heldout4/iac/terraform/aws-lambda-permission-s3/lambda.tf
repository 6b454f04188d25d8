data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-user-uploads"
}

resource "aws_lambda_permission" "allow_bucket" {
  statement_id   = "AllowExecutionFromS3Bucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.scan.arn
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_lambda_function" "scan" {
  function_name = "upload-virus-scan"
  role          = aws_iam_role.scan.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "scan.zip"
}

resource "aws_iam_role" "scan" {
  name = "upload-virus-scan"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  tags = {
    Owner = "security-engineering"
  }
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  lambda_function {
    lambda_function_arn = aws_lambda_function.scan.arn
    events              = ["s3:ObjectCreated:*"]
  }

  depends_on = [aws_lambda_permission.allow_bucket]
}
