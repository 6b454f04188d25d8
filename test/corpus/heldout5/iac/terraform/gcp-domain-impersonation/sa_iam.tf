resource "google_service_account" "reporting" {
  account_id   = "reporting-exporter"
  display_name = "Reporting exporter"
}

resource "google_service_account_iam_binding" "reporting_impersonation" {
  service_account_id = google_service_account.reporting.name
  role               = "roles/iam.serviceAccountTokenCreator"
  members = [
    "domain:acme.example",
  ]
}
