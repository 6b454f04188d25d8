resource "aws_cloudwatch_event_bus" "partner" {
  name = "partner-integrations"
}

data "aws_iam_policy_document" "partner_bus" {
  statement {
    sid     = "AllowPartnersToPutEvents"
    effect  = "Allow"
    actions = ["events:PutEvents"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    resources = [aws_cloudwatch_event_bus.partner.arn]
  }
}

resource "aws_cloudwatch_event_bus_policy" "partner" {
  policy         = data.aws_iam_policy_document.partner_bus.json
  event_bus_name = aws_cloudwatch_event_bus.partner.name
}

resource "aws_cloudwatch_event_rule" "orders" {
  name           = "partner-orders"
  event_bus_name = aws_cloudwatch_event_bus.partner.name
  event_pattern = jsonencode({
    source = [{ prefix = "partner." }]
  })
}
