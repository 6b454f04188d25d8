data "aws_iam_policy_document" "vendor_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::999988887777:root"]
    }
  }
}

resource "aws_iam_role" "vendor_monitoring" {
  name               = "vendor-monitoring"
  assume_role_policy = data.aws_iam_policy_document.vendor_trust.json
  tags = {
    owner  = "sre"
    vendor = "observability-saas"
  }
}

resource "aws_iam_role_policy_attachment" "vendor_monitoring" {
  role       = aws_iam_role.vendor_monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"
}
