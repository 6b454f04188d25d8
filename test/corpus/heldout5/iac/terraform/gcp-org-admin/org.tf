resource "google_organization_iam_member" "terraform_org_admin" {
  org_id = var.org_id
  role   = "roles/resourcemanager.organizationAdmin"
  member = "serviceAccount:terraform@acme-seed.iam.gserviceaccount.com"
}

resource "google_organization_iam_member" "billing_viewer" {
  org_id = var.org_id
  role   = "roles/billing.viewer"
  member = "group:finance@acme.example"
}
