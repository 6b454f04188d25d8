resource "aws_iam_role" "breakglass" {
  name = "breakglass-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
  tags = {
    owner = "secops"
  }
}

resource "aws_iam_role_policy_attachment" "breakglass_ro" {
  role       = aws_iam_role.breakglass.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "app_admin" {
  role       = "app-runtime"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
