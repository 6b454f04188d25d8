resource "google_project_iam_member" "payments_secrets" {
  project = "acme-payments"
  role    = "roles/secretmanager.secretAccessor"
  member  = "serviceAccount:payments-api@acme-payments.iam.gserviceaccount.com"

  condition {
    title       = "payments-only"
    description = "Only secrets whose name starts with payments-"
    expression  = "resource.name.startsWith(\"projects/431209876543/secrets/payments-\")"
  }
}

resource "google_project_iam_member" "payments_logs" {
  project = "acme-payments"
  role    = "roles/logging.viewer"
  member  = "group:payments-oncall@acme.example"
}
