resource "google_service_account" "legacy_etl" {
  account_id   = "legacy-etl"
  display_name = "On-prem ETL"
}

resource "google_service_account_key" "legacy_etl" {
  service_account_id = google_service_account.legacy_etl.name
  public_key_type    = "TYPE_X509_PEM_FILE"
}

resource "google_storage_bucket_iam_member" "legacy_etl_writer" {
  bucket = "acme-landing-zone"
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:${google_service_account.legacy_etl.email}"
}

output "legacy_etl_key" {
  value     = google_service_account_key.legacy_etl.private_key
  sensitive = true
}
