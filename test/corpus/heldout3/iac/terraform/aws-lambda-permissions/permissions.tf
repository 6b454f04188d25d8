resource "aws_lambda_permission" "webhook_any" {
  statement_id  = "AllowAnyInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.webhook.function_name
  principal     = "*"
}

resource "aws_lambda_permission" "thumbnails_from_s3" {
  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.thumbnails.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::acme-photos"
  source_account = "123456789012"
}

resource "aws_lambda_permission" "url_iam" {
  statement_id           = "FunctionURLAllowIAM"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.webhook.function_name
  principal              = "123456789012"
  function_url_auth_type = "AWS_IAM"
}
