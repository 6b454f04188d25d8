resource "aws_iam_user" "jenkins" {
  name = "jenkins-artifacts"
  path = "/ci/"
}

resource "aws_iam_access_key" "jenkins" {
  user = aws_iam_user.jenkins.name
}

resource "aws_iam_user_policy" "jenkins" {
  name = "artifact-upload"
  user = aws_iam_user.jenkins.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = "arn:aws:s3:::acme-build-artifacts/*"
    }]
  })
}

output "jenkins_access_key_id" {
  value = aws_iam_access_key.jenkins.id
}
