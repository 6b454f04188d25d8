data "aws_iam_policy_document" "self_service" {
  statement {
    sid = "ManageOwnPolicies"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:AttachRolePolicy",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ReadOwnUser"
    actions   = ["iam:GetUser", "iam:ListAccessKeys"]
    resources = ["arn:aws:iam::${var.account_id}:user/$${aws:username}"]
  }
}

resource "aws_iam_policy" "self_service" {
  name   = "developer-self-service"
  policy = data.aws_iam_policy_document.self_service.json
}
