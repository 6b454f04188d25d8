resource "aws_iam_user" "smtp" {
  name = "ses-smtp-legacy-crm"
  tags = {
    owner   = "crm-team"
    purpose = "SMTP relay for the on-prem CRM"
  }
}

resource "aws_iam_access_key" "smtp" {
  user    = aws_iam_user.smtp.name
  pgp_key = "keybase:acme_ops"
}

resource "aws_iam_user_policy" "smtp" {
  name = "ses-send"
  user = aws_iam_user.smtp.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ses:SendRawEmail"
      Resource = "*"
      Condition = {
        StringEquals = { "ses:FromAddress" = "crm@acme.example" }
      }
    }]
  })
}
