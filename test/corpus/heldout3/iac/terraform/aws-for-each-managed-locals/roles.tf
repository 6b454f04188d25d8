resource "aws_iam_role" "ops" {
  name               = "ops-oncall"
  assume_role_policy = file("${path.module}/trust/ops.json")
  tags = {
    owner = "sre"
  }
}

locals {
  ops_policies = {
    admin   = "arn:aws:iam::aws:policy/AdministratorAccess"
    support = "arn:aws:iam::aws:policy/AWSSupportAccess"
    billing = "arn:aws:iam::aws:policy/job-function/Billing"
  }
}

resource "aws_iam_role_policy_attachment" "ops" {
  for_each   = local.ops_policies
  role       = aws_iam_role.ops.name
  policy_arn = each.value
}
