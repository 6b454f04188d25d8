variable "enable_backfill" {
  type    = bool
  default = false
}

resource "aws_iam_role" "backfill" {
  count = var.enable_backfill ? 1 : 0
  name  = "dynamo-backfill"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  tags = { owner = "orders-team" }
}

resource "aws_iam_role_policy" "backfill" {
  count = var.enable_backfill ? 1 : 0
  name  = "backfill"
  role  = aws_iam_role.backfill[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:*"]
        Resource = "*"
      },
    ]
  })
}
