resource "aws_iam_role" "shared_reader" {
  name = "shared-reader"

  assume_role_policy = <<EOF2
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
EOF2

  tags = {
    owner = "data-eng"
  }
}

resource "aws_iam_role_policy_attachment" "shared_reader" {
  role       = aws_iam_role.shared_reader.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
