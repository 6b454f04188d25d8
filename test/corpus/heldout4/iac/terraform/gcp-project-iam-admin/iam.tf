resource "google_project_iam_binding" "iam_admins" {
  project = var.project_id
  role    = "roles/resourcemanager.projectIamAdmin"

  members = [
    "serviceAccount:access-bot@${var.project_id}.iam.gserviceaccount.com",
  ]
}

resource "google_project_iam_binding" "log_viewers" {
  project = var.project_id
  role    = "roles/logging.viewer"

  members = [
    "serviceAccount:access-bot@${var.project_id}.iam.gserviceaccount.com",
  ]
}

variable "project_id" { type = string }
