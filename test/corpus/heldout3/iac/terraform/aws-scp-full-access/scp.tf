resource "aws_organizations_policy" "full_access_sandbox" {
  name        = "sandbox-full-access"
  description = "Default allow for the sandbox OU; deny statements live in separate SCPs"
  type        = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "sandbox" {
  policy_id = aws_organizations_policy.full_access_sandbox.id
  target_id = "ou-ab12-34cd56ef"
}
