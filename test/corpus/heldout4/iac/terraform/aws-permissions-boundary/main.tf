resource "aws_iam_policy" "developer_boundary" {
  name        = "developer-permissions-boundary"
  description = "Caps what roles created by developers can ever do"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowAllWithinBoundary"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Sid    = "DenyIamAndOrgChanges"
        Effect = "Deny"
        Action = [
          "iam:CreateUser",
          "iam:CreateAccessKey",
          "iam:DeleteRolePermissionsBoundary",
          "iam:PutRolePermissionsBoundary",
          "organizations:*",
        ]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_role" "app" {
  name                 = "catalog-api"
  permissions_boundary = aws_iam_policy.developer_boundary.arn
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = {
    Owner = "catalog-team"
  }
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"]
      Resource = "arn:aws:dynamodb:eu-west-1:${var.account_id}:table/catalog-items"
    }]
  })
}

variable "account_id" {
  type = string
}
