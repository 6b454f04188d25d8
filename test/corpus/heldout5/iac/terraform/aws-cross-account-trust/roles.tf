locals {
  tags = {
    owner      = "finops"
    cost-center = "cc-114"
  }
}

# Role assumed by the central audit account
resource "aws_iam_role" "auditor" {
  name = "org-auditor"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::210987654321:root" }
        Action    = "sts:AssumeRole"
      }
    ]
  })

  tags = local.tags
}

# Role assumed by the cost-reporting vendor
resource "aws_iam_role" "vendor_billing" {
  name = "vendor-billing-read"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::464622532012:root" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "sts:ExternalId" = var.vendor_external_id }
        }
      }
    ]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "auditor_ro" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"
}
