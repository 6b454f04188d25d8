resource "aws_iam_user" "mirror" {
  name = "git-mirror"
  tags = {
    owner = "devex"
  }
}

resource "aws_iam_service_specific_credential" "mirror" {
  service_name = "codecommit.amazonaws.com"
  user_name    = aws_iam_user.mirror.name
}

resource "aws_iam_user_policy" "mirror" {
  user = aws_iam_user.mirror.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["codecommit:GitPull", "codecommit:GitPush"]
      Resource = "arn:aws:codecommit:eu-west-1:123456789012:mirror-*"
    }]
  })
}
