locals {
  sre_roles = [
    "roles/logging.viewer",
    "roles/monitoring.viewer",
    "roles/cloudtrace.user",
    "roles/errorreporting.viewer",
  ]
}

resource "google_project_iam_member" "sre" {
  for_each = toset(local.sre_roles)
  project  = var.project_id
  role     = each.key
  member   = "group:sre@acme.example"
}

resource "google_project_iam_audit_config" "all" {
  project = var.project_id
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
}

resource "google_project_iam_member" "pubsub_publisher" {
  project = var.project_id
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${google_service_account.events.email}"
  condition {
    title      = "orders-topic-only"
    expression = "resource.name.startsWith(\"projects/${var.project_id}/topics/orders\")"
  }
}
