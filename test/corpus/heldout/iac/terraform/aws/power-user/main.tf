resource "aws_iam_role" "build" {
  name               = "codebuild-main"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json
  tags = {
    owner = "devex"
  }
}

resource "aws_iam_role_policy_attachment" "build_poweruser" {
  role       = aws_iam_role.build.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role_policy_attachment" "build_iam" {
  role       = aws_iam_role.build.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

resource "aws_iam_role_policy_attachment" "build_ecr_read" {
  role       = aws_iam_role.build.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}
