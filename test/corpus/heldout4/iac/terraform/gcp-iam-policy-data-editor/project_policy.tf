data "google_iam_policy" "project" {
  binding {
    role = "roles/viewer"
    members = [
      "group:engineering@acme.io",
    ]
  }

  binding {
    role = "roles/editor"
    members = [
      "serviceAccount:terraform@acme-seed.iam.gserviceaccount.com",
      "serviceAccount:${var.project_number}@cloudbuild.gserviceaccount.com",
    ]
  }

  binding {
    role = "roles/logging.viewer"
    members = [
      "group:sre@acme.io",
    ]
  }
}

resource "google_project_iam_policy" "project" {
  project     = var.project_id
  policy_data = data.google_iam_policy.project.policy_data
}

variable "project_id" { type = string }
variable "project_number" { type = string }
