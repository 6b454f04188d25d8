resource "aws_sqs_queue" "orders" {
  name                      = "orders"
  message_retention_seconds = 345600
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowSnsFanout"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.orders.arn
      Condition = {
        ArnEquals = { "aws:SourceArn" = aws_sns_topic.orders.arn }
      }
    }]
  })
}

resource "aws_sqs_queue" "legacy_ingest" {
  name = "legacy-ingest"
}

resource "aws_sqs_queue_policy" "legacy_ingest" {
  queue_url = aws_sqs_queue.legacy_ingest.id
  policy    = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sqs:*",
      "Resource": "${aws_sqs_queue.legacy_ingest.arn}"
    }
  ]
}
EOF
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}
