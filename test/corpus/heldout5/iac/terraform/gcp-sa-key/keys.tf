resource "google_service_account" "looker" {
  account_id   = "looker-bq"
  display_name = "Looker BigQuery connection"
}

resource "google_service_account_key" "looker" {
  service_account_id = google_service_account.looker.name
  public_key_type    = "TYPE_X509_PEM_FILE"
}

resource "google_project_iam_member" "looker_viewer" {
  project = var.project_id
  role    = "roles/bigquery.dataViewer"
  member  = "serviceAccount:${google_service_account.looker.email}"
}

resource "google_secret_manager_secret_version" "looker_key" {
  secret      = google_secret_manager_secret.looker_key.id
  secret_data = base64decode(google_service_account_key.looker.private_key)
}
