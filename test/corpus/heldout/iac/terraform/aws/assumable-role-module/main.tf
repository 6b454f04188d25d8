module "terraform_runner" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "5.39.1"

  trusted_role_arns = [
    "arn:aws:iam::111122223333:role/atlantis",
  ]

  create_role       = true
  role_name         = "terraform-runner"
  role_requires_mfa = false

  custom_role_policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
  number_of_custom_role_policy_arns = 1

  tags = {
    owner = "platform"
  }
}

module "readonly" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "5.39.1"

  trusted_role_arns = ["arn:aws:iam::111122223333:role/atlantis"]

  create_role             = true
  role_name               = "terraform-plan"
  role_requires_mfa       = false
  custom_role_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]

  tags = {
    owner = "platform"
  }
}
