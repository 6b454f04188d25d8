resource "aws_iam_user" "sftp" {
  name = "sftp-partner-globex"
  tags = {
    Owner = "partner-integrations"
  }
}

resource "aws_iam_user_policy" "sftp" {
  user = aws_iam_user.sftp.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = "arn:aws:s3:::acme-sftp/globex/*"
    }]
  })
}
