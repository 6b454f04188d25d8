data "aws_caller_identity" "current" {}

resource "aws_kms_key" "backups" {
  description             = "Encrypts nightly RDS snapshot exports"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "key-backups"
    Statement = [
      {
        Sid    = "Enable IAM User Permissions"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid       = "AllowDecryptForRestore"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_kms_alias" "backups" {
  name          = "alias/rds-backups"
  target_key_id = aws_kms_key.backups.key_id
}
