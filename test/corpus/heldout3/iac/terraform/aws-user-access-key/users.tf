resource "aws_iam_user" "legacy_ftp" {
  name = "legacy-ftp-sync"
}

resource "aws_iam_access_key" "legacy_ftp" {
  user    = aws_iam_user.legacy_ftp.name
  pgp_key = "keybase:acme_ops"
}

resource "aws_iam_user_policy" "legacy_ftp" {
  name = "ftp-drop"
  user = aws_iam_user.legacy_ftp.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "arn:aws:s3:::acme-ftp-drop/incoming/*"
    }]
  })
}

output "legacy_ftp_key_id" {
  value = aws_iam_access_key.legacy_ftp.id
}

output "legacy_ftp_secret" {
  value     = aws_iam_access_key.legacy_ftp.encrypted_secret
  sensitive = true
}
