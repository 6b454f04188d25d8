resource "aws_sns_topic" "alerts" {
  name              = "ops-alerts"
  kms_master_key_id = "alias/aws/sns"
}

data "aws_iam_policy_document" "alerts_topic" {
  policy_id = "__default_policy_ID"

  statement {
    sid = "AllowPublishFromAnywhere"
    actions = [
      "SNS:Publish",
      "SNS:Subscribe",
      "SNS:Receive",
    ]
    effect = "Allow"

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    resources = [aws_sns_topic.alerts.arn]
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts_topic.json
}

resource "aws_sns_topic_subscription" "pagerduty" {
  topic_arn              = aws_sns_topic.alerts.arn
  protocol               = "https"
  endpoint               = var.pagerduty_endpoint
  endpoint_auto_confirms = true
}

variable "pagerduty_endpoint" {
  type = string
}
