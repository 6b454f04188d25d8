resource "aws_iam_role" "thumbnailer" {
  name = "thumbnailer-lambda"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action = "sts:AssumeRole"
      Effect = "Allow"
      Principal = {
        Service = "lambda.amazonaws.com"
      }
    }]
  })

  tags = {
    owner       = "media-team"
    environment = var.environment
  }
}

resource "aws_iam_role_policy" "thumbnailer_s3" {
  name = "s3-access"
  role = aws_iam_role.thumbnailer.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "S3"
        Effect   = "Allow"
        Action   = ["s3:*"]
        Resource = "*"
      },
      {
        Sid    = "Logs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogStream",
          "logs:PutLogEvents",
        ]
        Resource = "${aws_cloudwatch_log_group.thumbnailer.arn}:*"
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "thumbnailer" {
  name              = "/aws/lambda/thumbnailer"
  retention_in_days = 14
}
