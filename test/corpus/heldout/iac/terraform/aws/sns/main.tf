resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudWatchAlarms"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "SNS:Publish"
        Resource  = aws_sns_topic.alerts.arn
        Condition = {
          StringEquals = { "AWS:SourceOwner" = var.account_id }
        }
      }
    ]
  })
}

resource "aws_sns_topic" "public_feed" {
  name = "public-feed"
}

resource "aws_sns_topic_policy" "public_feed" {
  arn = aws_sns_topic.public_feed.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["SNS:Publish", "SNS:Subscribe", "SNS:Receive"]
        Resource  = aws_sns_topic.public_feed.arn
      }
    ]
  })
}
