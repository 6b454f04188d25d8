resource "aws_iam_role" "task_execution" {
  name = "shop-task-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  tags = { owner = "shop" }
}

resource "aws_iam_role_policy" "task_secrets" {
  name = "secrets"
  role = aws_iam_role.task_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt"]
        Resource = "*"
      }
    ]
  })
}
