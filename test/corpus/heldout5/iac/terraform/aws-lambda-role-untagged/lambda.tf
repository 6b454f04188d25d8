data "archive_file" "thumbnailer" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/thumbnailer.zip"
}

resource "aws_iam_role" "thumbnailer" {
  name = "thumbnailer-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  tags = {
    Name        = "thumbnailer-lambda"
    Environment = "staging"
  }
}

resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.thumbnailer.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "thumbnailer" {
  function_name    = "thumbnailer"
  role             = aws_iam_role.thumbnailer.arn
  handler          = "index.handler"
  runtime          = "nodejs20.x"
  filename         = data.archive_file.thumbnailer.output_path
  source_code_hash = data.archive_file.thumbnailer.output_base64sha256
}

resource "aws_lambda_permission" "s3_invoke" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnailer.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::acme-media-originals"
}
