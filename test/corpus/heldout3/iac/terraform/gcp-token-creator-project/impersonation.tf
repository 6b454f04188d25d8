resource "google_project_iam_member" "devs_impersonate" {
  project = "acme-data-prod"
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "group:data-devs@acme.example"
}
