resource "aws_iam_role" "cron" {
  name = "nightly-cron"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  tags = {
    owner = "growth"
  }
}

resource "aws_iam_role_policy" "cron_logs" {
  role = aws_iam_role.cron.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents"
      ]
      Resource = "arn:aws:logs:${var.region}:${var.account_id}:log-group:/aws/lambda/nightly-cron:*"
    }]
  })
}
