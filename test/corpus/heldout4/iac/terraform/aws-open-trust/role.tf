resource "aws_iam_role" "cross_env_reader" {
  name        = "cross-env-reader"
  description = "Read-only access for the observability stack in other environments"

  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "*"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
POLICY

  tags = {
    Team = "observability"
  }
}

resource "aws_iam_role_policy_attachment" "cross_env_reader" {
  role       = aws_iam_role.cross_env_reader.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"
}
