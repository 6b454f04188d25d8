resource "aws_iam_policy" "support_engineers" {
  name = "support-engineers"
  path = "/support/"

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AllExceptIam",
          "Effect": "Allow",
          "NotAction": [
            "iam:*",
            "organizations:*",
            "account:*"
          ],
          "Resource": "*"
        },
        {
          "Sid": "ReadIam",
          "Effect": "Allow",
          "Action": [
            "iam:Get*",
            "iam:List*"
          ],
          "Resource": "*"
        }
      ]
    }
  POLICY
}
