resource "google_service_account" "looker" {
  account_id   = "looker-bq-reader"
  display_name = "Looker BigQuery connection"
  project      = var.analytics_project
}

resource "google_project_iam_member" "looker_bq" {
  for_each = toset([
    "roles/bigquery.dataViewer",
    "roles/bigquery.jobUser",
  ])
  project = var.analytics_project
  role    = each.value
  member  = "serviceAccount:${google_service_account.looker.email}"
}

resource "google_service_account_key" "looker" {
  service_account_id = google_service_account.looker.name
  public_key_type    = "TYPE_X509_PEM_FILE"
}

resource "google_secret_manager_secret" "looker_key" {
  secret_id = "looker-bq-key"
  project   = var.analytics_project
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "looker_key" {
  secret      = google_secret_manager_secret.looker_key.id
  secret_data = base64decode(google_service_account_key.looker.private_key)
}

variable "analytics_project" {
  type = string
}
