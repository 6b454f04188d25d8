resource "aws_iam_role" "shared_reader" {
  name = "shared-reader"
  assume_role_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "AWS": "*" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  JSON
  tags = {
    owner = "analytics"
  }
}
