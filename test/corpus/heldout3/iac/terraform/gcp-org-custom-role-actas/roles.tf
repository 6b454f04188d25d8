resource "google_organization_iam_custom_role" "ci_runner" {
  org_id  = "123456789012"
  role_id = "ciRunner"
  title   = "CI runner"
  permissions = [
    "iam.serviceAccounts.actAs",
    "iam.serviceAccounts.getAccessToken",
    "cloudbuild.builds.create",
  ]
}
