resource "aws_iam_policy" "developer" {
  name        = "developer-power-user"
  path        = "/teams/"
  description = "Everything but IAM and Organizations, for sandbox developers"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllButIam"
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*", "account:*"]
        Resource  = "*"
      },
      {
        Sid      = "ReadOwnUser"
        Effect   = "Allow"
        Action   = ["iam:GetUser", "iam:ListMFADevices"]
        Resource = "arn:aws:iam::*:user/$${aws:username}"
      }
    ]
  })
}

resource "aws_iam_group_policy_attachment" "developers" {
  group      = "sandbox-developers"
  policy_arn = aws_iam_policy.developer.arn
}
