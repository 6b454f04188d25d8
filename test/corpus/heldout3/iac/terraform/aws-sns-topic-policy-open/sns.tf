resource "aws_sns_topic" "alerts" {
  name = "platform-alerts"
}

data "aws_iam_policy_document" "alerts" {
  policy_id = "__default_policy_ID"

  statement {
    sid = "public-publish"
    actions = [
      "SNS:Publish",
      "SNS:Subscribe",
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
  policy = data.aws_iam_policy_document.alerts.json
}
