# Deploy user for the legacy Jenkins box that cannot use OIDC yet.
resource "aws_iam_user" "jenkins" {
  name = "jenkins-artifact-publisher"
  path = "/ci/"

  tags = {
    Owner       = "build-infra@acme.io"
    Environment = "shared"
  }
}

resource "aws_iam_access_key" "jenkins" {
  user    = aws_iam_user.jenkins.name
  pgp_key = "keybase:acme_buildinfra"
}

data "aws_iam_policy_document" "publish_artifacts" {
  statement {
    sid     = "PublishArtifacts"
    actions = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"]
    resources = [
      aws_s3_bucket.artifacts.arn,
      "${aws_s3_bucket.artifacts.arn}/*",
    ]
  }
}

resource "aws_iam_user_policy" "publish_artifacts" {
  name   = "publish-artifacts"
  user   = aws_iam_user.jenkins.name
  policy = data.aws_iam_policy_document.publish_artifacts.json
}

output "jenkins_access_key_id" {
  value = aws_iam_access_key.jenkins.id
}

output "jenkins_secret_access_key" {
  value     = aws_iam_access_key.jenkins.encrypted_secret
  sensitive = true
}
