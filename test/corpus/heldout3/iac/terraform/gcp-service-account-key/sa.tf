resource "google_service_account" "legacy_exporter" {
  account_id   = "legacy-exporter"
  display_name = "Legacy BigQuery exporter (owner: data-platform)"
}

resource "google_service_account_key" "legacy_exporter" {
  service_account_id = google_service_account.legacy_exporter.name
  public_key_type    = "TYPE_X509_PEM_FILE"
}

resource "google_bigquery_dataset_iam_member" "exporter" {
  dataset_id = "exports"
  role       = "roles/bigquery.dataViewer"
  member     = "serviceAccount:${google_service_account.legacy_exporter.email}"
}

resource "local_sensitive_file" "key" {
  content  = base64decode(google_service_account_key.legacy_exporter.private_key)
  filename = "${path.module}/exporter-key.json"
}
