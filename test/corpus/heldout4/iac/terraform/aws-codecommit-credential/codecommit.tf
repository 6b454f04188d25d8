resource "aws_codecommit_repository" "infra" {
  repository_name = "infra-live"
  description     = "Live infrastructure definitions"
}

resource "aws_iam_user" "mirror" {
  name = "gitlab-mirror"
  tags = {
    owner = "scm-admins"
  }
}

resource "aws_iam_user_policy" "mirror_push" {
  name = "codecommit-push"
  user = aws_iam_user.mirror.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["codecommit:GitPull", "codecommit:GitPush"]
      Resource = aws_codecommit_repository.infra.arn
    }]
  })
}

resource "aws_iam_service_specific_credential" "mirror" {
  service_name = "codecommit.amazonaws.com"
  user_name    = aws_iam_user.mirror.name
}
