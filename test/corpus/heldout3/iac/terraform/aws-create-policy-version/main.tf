resource "aws_iam_user" "policy_bot" {
  name = "policy-sync-bot"
  path = "/automation/"
  tags = {
    owner = "cloud-governance"
  }
}

resource "aws_iam_user_policy" "policy_bot" {
  name = "manage-policies"
  user = aws_iam_user.policy_bot.name

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "iam:CreatePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:DeletePolicyVersion"
      ],
      "Resource": "arn:aws:iam::*:policy/*"
    }
  ]
}
POLICY
}
