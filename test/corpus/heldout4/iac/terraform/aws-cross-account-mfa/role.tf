variable "identity_account_id" {
  type        = string
  description = "Account holding the IAM Identity Center / jump users"
}

data "aws_iam_policy_document" "breakglass_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.identity_account_id}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "incident_readonly" {
  name                 = "incident-responder-readonly"
  assume_role_policy   = data.aws_iam_policy_document.breakglass_trust.json
  max_session_duration = 3600
  tags = {
    Owner = "security-operations"
  }
}

resource "aws_iam_role_policy_attachment" "incident_readonly" {
  role       = aws_iam_role.incident_readonly.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
