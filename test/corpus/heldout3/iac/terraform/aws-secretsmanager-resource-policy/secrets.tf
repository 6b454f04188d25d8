resource "aws_secretsmanager_secret" "db" {
  name       = "prod/orders/db"
  kms_key_id = "alias/orders"
  tags = {
    owner = "orders-team"
  }
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn          = aws_secretsmanager_secret.db.arn
  block_public_policy = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgReaders"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "secretsmanager:GetSecretValue"
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:PrincipalOrgID" = "o-a1b2c3d4e5"
          }
          ArnLike = {
            "aws:PrincipalArn" = "arn:aws:iam::*:role/orders-reader"
          }
        }
      },
      {
        Sid       = "NoDelete"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = ["secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"]
        Resource  = "*"
      }
    ]
  })
}
