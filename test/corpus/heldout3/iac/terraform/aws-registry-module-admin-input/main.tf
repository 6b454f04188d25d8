module "ci_admin_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 5.44"

  name = "ci-bootstrap"

  trust_policy_permissions = {
    TrustRoleAndServiceToAssume = {
      actions = ["sts:AssumeRole"]
      principals = [{
        type        = "AWS"
        identifiers = ["arn:aws:iam::210987654321:role/atlantis"]
      }]
    }
  }

  policies = {
    AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"
  }

  tags = {
    owner = "platform"
  }
}
