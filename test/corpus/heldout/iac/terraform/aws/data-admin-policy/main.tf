data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_role" "jenkins" {
  name               = "jenkins-agent"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
  tags               = { owner = "build-infra" }
}

resource "aws_iam_role_policy_attachment" "jenkins_admin" {
  role       = aws_iam_role.jenkins.name
  policy_arn = data.aws_iam_policy.admin.arn
}

data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_instance_profile" "jenkins" {
  name = "jenkins-agent"
  role = aws_iam_role.jenkins.name
}
