resource "aws_iam_policy" "inventory" {
  name        = "inventory-collector"
  description = "Read-only inventory for the CMDB sync job"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "ec2:Describe*",
          "rds:Describe*",
          "elasticloadbalancing:Describe*",
          "tag:GetResources",
          "cloudwatch:GetMetricData",
          "cloudwatch:ListMetrics",
        ]
        Resource = "*"
      }
    ]
  })
}
