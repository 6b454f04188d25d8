resource "aws_iam_role_policy" "api_secrets" {
  name = "api-secrets"
  role = aws_iam_role.api.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.secrets_kms_key_arn
      }
    ]
  })
}

resource "aws_iam_role" "api" {
  name               = "orders-api"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags               = { owner = "orders-team", app = "orders-api" }
}
