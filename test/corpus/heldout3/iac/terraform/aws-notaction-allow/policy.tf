resource "aws_iam_policy" "developers" {
  name        = "developers-power-user"
  description = "Everything except IAM"
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "NotAction": ["iam:*", "organizations:*", "account:*"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy_attachment" "developers" {
  group      = aws_iam_group.developers.name
  policy_arn = aws_iam_policy.developers.arn
}
