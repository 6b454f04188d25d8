resource "aws_iam_role" "onboarding" {
  name = "onboarding-automation"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  tags = { owner = "it-automation" }
}

resource "aws_iam_role_policy" "onboarding" {
  name = "manage-users"
  role = aws_iam_role.onboarding.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "CreateUsers"
        Effect   = "Allow"
        Action   = ["iam:CreateUser", "iam:TagUser"]
        Resource = "arn:aws:iam::123456789012:user/staff/*"
      },
      {
        Sid    = "Policies"
        Effect = "Allow"
        Action = [
          "iam:AttachUserPolicy",
          "iam:PutUserPolicy",
          "iam:CreateLoginProfile",
        ]
        Resource = "*"
      },
    ]
  })
}
