# Lets the release pipeline roll forward the shared app policies.
data "aws_iam_policy_document" "policy_manager" {
  statement {
    sid = "ManagePolicyVersions"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:ListPolicyVersions",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "policy_manager" {
  name   = "release-policy-manager"
  policy = data.aws_iam_policy_document.policy_manager.json
}

resource "aws_iam_role_policy_attachment" "release_policy_manager" {
  role       = var.release_role_name
  policy_arn = aws_iam_policy.policy_manager.arn
}

variable "release_role_name" {
  type = string
}
