data "google_iam_policy" "project" {
  binding {
    role    = "roles/viewer"
    members = ["group:sre@acme.example"]
  }

  binding {
    role    = "roles/iam.securityAdmin"
    members = ["serviceAccount:policy-bot@acme-sec.iam.gserviceaccount.com"]
  }

  binding {
    role    = "roles/resourcemanager.projectIamAdmin"
    members = ["group:sre@acme.example"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "acme-sec"
  policy_data = data.google_iam_policy.project.policy_data
}
