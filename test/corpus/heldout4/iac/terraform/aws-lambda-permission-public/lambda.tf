resource "aws_lambda_function" "thumbnailer" {
  function_name = "image-thumbnailer"
  role          = var.lambda_role_arn
  image_uri     = "${var.ecr_repo_url}:${var.image_tag}"
  package_type  = "Image"
  memory_size   = 1024
}

resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowAPIGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnailer.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.images.execution_arn}/*/*"
}

resource "aws_lambda_permission" "public_invoke" {
  statement_id  = "AllowAnyoneToInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnailer.function_name
  principal     = "*"
}

variable "lambda_role_arn" { type = string }
variable "ecr_repo_url" { type = string }
variable "image_tag" { type = string }
