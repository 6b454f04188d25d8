resource "aws_sqs_queue" "webhooks" {
  name                      = "partner-webhooks"
  message_retention_seconds = 86400
}

resource "aws_sqs_queue_policy" "webhooks" {
  queue_url = aws_sqs_queue.webhooks.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowPartners"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.webhooks.arn
    }]
  })
}

resource "aws_sqs_queue" "webhooks_dlq" {
  name = "partner-webhooks-dlq"
}
