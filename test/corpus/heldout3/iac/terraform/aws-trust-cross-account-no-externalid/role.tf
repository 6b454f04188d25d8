resource "aws_iam_role" "vendor_monitoring" {
  name = "vendor-monitoring"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = "sts:AssumeRole"
        Principal = {
          AWS = "arn:aws:iam::464622532012:root"
        }
      }
    ]
  })

  tags = {
    owner = "observability"
  }
}

resource "aws_iam_role_policy_attachment" "vendor_monitoring" {
  role       = aws_iam_role.vendor_monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
