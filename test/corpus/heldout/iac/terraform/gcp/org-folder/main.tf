resource "google_organization_iam_member" "ci_org_admin" {
  org_id = var.org_id
  role   = "roles/resourcemanager.organizationAdmin"
  member = "serviceAccount:ci@acme-seed.iam.gserviceaccount.com"
}

resource "google_folder_iam_member" "sandbox_editor" {
  folder = "folders/123456789012"
  role   = "roles/editor"
  member = "group:engineering@acme.example"
}

resource "google_folder_iam_member" "sandbox_browser" {
  folder = "folders/123456789012"
  role   = "roles/browser"
  member = "group:engineering@acme.example"
}
