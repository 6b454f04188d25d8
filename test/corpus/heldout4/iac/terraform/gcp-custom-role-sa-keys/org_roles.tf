resource "google_organization_iam_custom_role" "sa_manager" {
  org_id      = var.org_id
  role_id     = "serviceAccountManager"
  title       = "Service account manager"
  description = "Used by the self-service portal"
  stage       = "GA"

  permissions = [
    "iam.serviceAccounts.create",
    "iam.serviceAccounts.get",
    "iam.serviceAccounts.list",
    "iam.serviceAccounts.actAs",
    "iam.serviceAccountKeys.create",
    "iam.serviceAccountKeys.list",
  ]
}

variable "org_id" {
  type = string
}
