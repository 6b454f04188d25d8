locals {
  app_roles = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/cloudtrace.agent",
    "roles/secretmanager.viewer",
  ]
}

resource "google_project_iam_member" "app" {
  for_each = toset(local.app_roles)
  project  = "acme-shop-prod"
  role     = each.value
  member   = "serviceAccount:shop-api@acme-shop-prod.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "auditors" {
  project = "acme-shop-prod"
  role    = "roles/viewer"
  member  = "group:auditors@acme.example"
}
