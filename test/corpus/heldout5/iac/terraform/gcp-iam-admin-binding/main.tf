resource "google_project_iam_binding" "security_admins" {
  project = "acme-prod-7731"
  role    = "roles/resourcemanager.projectIamAdmin"

  members = [
    "group:platform-admins@acme.example",
    "serviceAccount:terraform-ci@acme-seed.iam.gserviceaccount.com",
  ]
}

resource "google_project_iam_binding" "log_viewers" {
  project = "acme-prod-7731"
  role    = "roles/logging.viewer"

  members = [
    "group:sre@acme.example",
  ]
}
