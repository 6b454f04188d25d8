resource "google_service_account" "s3_compat" {
  account_id   = "s3-compat-sync"
  display_name = "S3-compatible sync client"
}

resource "google_storage_hmac_key" "s3_compat" {
  service_account_email = google_service_account.s3_compat.email
}

resource "google_storage_bucket_iam_member" "s3_compat" {
  bucket = "acme-sync-target"
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.s3_compat.email}"
}
