resource "aws_iam_user" "smtp" {
  name = "ses-smtp-wordpress"
  tags = {
    owner   = "marketing-web"
    purpose = "SES SMTP relay for the marketing site"
  }
}

resource "aws_iam_user_policy" "smtp_send" {
  name = "ses-send"
  user = aws_iam_user.smtp.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ses:SendRawEmail"
      Resource = "*"
      Condition = {
        StringEquals = { "ses:FromAddress" = "no-reply@acme.example" }
      }
    }]
  })
}

resource "aws_iam_access_key" "smtp" {
  user    = aws_iam_user.smtp.name
  pgp_key = "keybase:acme_ops"
}

output "smtp_password" {
  value     = aws_iam_access_key.smtp.ses_smtp_password_v4
  sensitive = true
}
