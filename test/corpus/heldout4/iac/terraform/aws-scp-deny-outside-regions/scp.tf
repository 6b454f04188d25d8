resource "aws_organizations_policy" "region_guardrail" {
  name        = "deny-outside-eu"
  description = "Deny all actions outside eu-west-1 and eu-central-1, except global services"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyAllOutsideEU"
        Effect = "Deny"
        NotAction = [
          "a4b:*", "budgets:*", "ce:*", "cloudfront:*", "globalaccelerator:*",
          "iam:*", "kms:*", "organizations:*", "route53:*", "sts:*", "support:*",
          "waf:*", "wafv2:*",
        ]
        Resource = "*"
        Condition = {
          StringNotEquals = {
            "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"]
          }
        }
      },
      {
        Sid      = "DenyLeaveOrg"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      }
    ]
  })
}

resource "aws_organizations_policy_attachment" "workloads" {
  policy_id = aws_organizations_policy.region_guardrail.id
  target_id = var.workloads_ou_id
}

variable "workloads_ou_id" {
  type = string
}
