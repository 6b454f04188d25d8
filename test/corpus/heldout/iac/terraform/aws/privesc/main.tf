data "aws_iam_policy_document" "automation" {
  statement {
    sid       = "ManageTheirOwnPolicies"
    effect    = "Allow"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:AttachUserPolicy",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Describe"
    effect    = "Allow"
    actions   = ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicies"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "automation" {
  name   = "self-service-automation"
  policy = data.aws_iam_policy_document.automation.json
}
