resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "developers" {
  name  = "developers-inline"
  group = aws_iam_group.developers.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["codecommit:GitPull", "codecommit:GitPush"]
        Resource = "arn:aws:codecommit:us-east-1:123456789012:*"
      },
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }
    ]
  })
}
