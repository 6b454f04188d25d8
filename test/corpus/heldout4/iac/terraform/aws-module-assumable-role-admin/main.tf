module "iam_assumable_role_ops" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.30"

  trusted_role_arns = [
    "arn:aws:iam::${var.security_account_id}:role/ops-jump",
  ]

  create_role       = true
  role_name         = "ops-admin"
  role_requires_mfa = true

  custom_role_policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]

  tags = {
    Owner = "cloud-ops"
  }
}

module "iam_assumable_role_readonly" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.30"

  trusted_role_arns = [
    "arn:aws:iam::${var.security_account_id}:role/ops-jump",
  ]

  create_role       = true
  role_name         = "ops-readonly"
  role_requires_mfa = true

  custom_role_policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
  ]

  tags = {
    Owner = "cloud-ops"
  }
}

variable "security_account_id" {
  type = string
}
