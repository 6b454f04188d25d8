resource "aws_iam_role" "migrator" {
  name = "schema-migrator"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })

  inline_policy {
    name = "migrate"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["iam:CreateRole", "iam:AttachRolePolicy", "iam:PassRole"]
          Resource = "*"
        },
      ]
    })
  }

  tags = {
    owner = "dba"
  }
}
