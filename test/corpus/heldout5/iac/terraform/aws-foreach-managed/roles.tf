resource "aws_iam_role" "runner" {
  name = "gitlab-runner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = {
    "acme:owner" = "ci-platform"
  }
}

locals {
  runner_policies = {
    ecr_read = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
    ssm_core = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
    admin    = "arn:aws:iam::aws:policy/AdministratorAccess"
  }
}

resource "aws_iam_role_policy_attachment" "runner" {
  for_each   = local.runner_policies
  role       = aws_iam_role.runner.name
  policy_arn = each.value
}
