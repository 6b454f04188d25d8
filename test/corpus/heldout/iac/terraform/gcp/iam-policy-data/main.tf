data "google_iam_policy" "project" {
  binding {
    role = "roles/owner"
    members = [
      "user:cto@acme.example",
      "serviceAccount:terraform@acme-seed.iam.gserviceaccount.com",
    ]
  }

  binding {
    role    = "roles/logging.viewer"
    members = ["group:oncall@acme.example"]
  }
}

resource "google_project_iam_policy" "project" {
  project     = "acme-shared-svc"
  policy_data = data.google_iam_policy.project.policy_data
}
