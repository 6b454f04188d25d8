resource "google_service_account" "backup" {
  account_id = "velero-backup"
}

resource "google_storage_hmac_key" "backup" {
  service_account_email = google_service_account.backup.email
}

resource "google_storage_bucket_iam_member" "backup" {
  bucket = "acme-velero-backups"
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.backup.email}"
}
