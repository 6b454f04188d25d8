resource "aws_secretsmanager_secret" "stripe" {
  name        = "prod/payments/stripe-api-key"
  description = "Stripe restricted key used by payments-api"
  kms_key_id  = var.kms_key_arn
}

data "aws_iam_policy_document" "stripe_secret" {
  statement {
    sid     = "PaymentsApiRead"
    effect  = "Allow"
    actions = ["secretsmanager:GetSecretValue"]

    principals {
      type        = "AWS"
      identifiers = [var.payments_task_role_arn]
    }

    resources = ["*"]
  }

  statement {
    sid     = "DenyOtherPrincipals"
    effect  = "Deny"
    actions = ["secretsmanager:GetSecretValue"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    resources = ["*"]

    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.payments_task_role_arn, var.break_glass_role_arn]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "stripe" {
  secret_arn = aws_secretsmanager_secret.stripe.arn
  policy     = data.aws_iam_policy_document.stripe_secret.json
}

variable "kms_key_arn" { type = string }
variable "payments_task_role_arn" { type = string }
variable "break_glass_role_arn" { type = string }
