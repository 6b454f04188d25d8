resource "google_project_iam_member" "anyone_view" {
  project = "acme-demo"
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}
