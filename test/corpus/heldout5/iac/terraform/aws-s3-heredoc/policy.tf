variable "bucket_name" {
  type = string
}

resource "aws_iam_policy" "etl_s3" {
  name        = "etl-s3-access"
  description = "Lets the nightly ETL job work with the data lake"

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_role_policy_attachment" "etl_s3" {
  role       = "etl-nightly"
  policy_arn = aws_iam_policy.etl_s3.arn
}
