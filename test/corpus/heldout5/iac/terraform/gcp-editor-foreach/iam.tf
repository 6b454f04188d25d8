locals {
  composer_roles = [
    "roles/composer.worker",
    "roles/bigquery.jobUser",
    "roles/editor",
  ]
}

resource "google_project_iam_member" "composer" {
  for_each = toset(local.composer_roles)
  project  = var.project
  role     = each.value
  member   = "serviceAccount:${var.composer_sa_email}"
}
