resource "aws_iam_user" "mirror" {
  name = "gitlab-mirror"
  tags = {
    owner   = "scm-admins"
    purpose = "push mirror to CodeCommit"
  }
}

resource "aws_iam_service_specific_credential" "mirror" {
  service_name = "codecommit.amazonaws.com"
  user_name    = aws_iam_user.mirror.name
}

resource "aws_iam_user_policy_attachment" "mirror" {
  user       = aws_iam_user.mirror.name
  policy_arn = "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"
}
