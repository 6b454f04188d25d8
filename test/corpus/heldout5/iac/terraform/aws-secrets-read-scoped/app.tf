resource "aws_iam_role_policy" "worker_secrets" {
  name = "worker-secrets"
  role = aws_iam_role.worker.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = aws_secretsmanager_secret.db.arn
      },
      {
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
        Resource = "arn:aws:ssm:${var.region}:${var.account_id}:parameter/worker/*"
      }
    ]
  })
}

resource "aws_iam_role" "worker" {
  name               = "queue-worker"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
  tags = merge(var.common_tags, {
    Owner = "data-platform"
  })
}
