resource "google_project_iam_member" "public_viewer" {
  project = var.project_id
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}

resource "google_project_iam_member" "monitoring" {
  project = var.project_id
  role    = "roles/monitoring.viewer"
  member  = "group:oncall@acme.example"
}
