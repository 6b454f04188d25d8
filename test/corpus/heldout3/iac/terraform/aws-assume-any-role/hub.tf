resource "aws_iam_role" "hub" {
  name = "deployment-hub"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
  tags = { owner = "release-eng" }
}

resource "aws_iam_policy" "hub" {
  name = "assume-spokes"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "hub" {
  role       = aws_iam_role.hub.name
  policy_arn = aws_iam_policy.hub.arn
}
