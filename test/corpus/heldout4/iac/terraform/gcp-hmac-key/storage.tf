resource "google_service_account" "backup_writer" {
  account_id   = "velero-backups"
  display_name = "Velero S3-compatible writer"
}

resource "google_storage_bucket" "backups" {
  name                        = "acme-velero-backups"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "backup_writer" {
  bucket = google_storage_bucket.backups.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.backup_writer.email}"
}

# Velero's AWS plugin talks to GCS through the XML API with HMAC keys.
resource "google_storage_hmac_key" "velero" {
  service_account_email = google_service_account.backup_writer.email
}

output "velero_hmac_access_id" {
  value = google_storage_hmac_key.velero.access_id
}
