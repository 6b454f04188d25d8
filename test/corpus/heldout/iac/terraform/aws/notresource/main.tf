resource "aws_iam_policy" "s3_except_audit" {
  name = "s3-except-audit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect      = "Allow"
        Action      = "s3:*"
        NotResource = ["arn:aws:s3:::acme-audit-logs", "arn:aws:s3:::acme-audit-logs/*"]
      },
    ]
  })
}
