resource "google_storage_bucket" "customer_exports" {
  name          = "acme-customer-exports-prod"
  location      = "US"
  force_destroy = false

  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket_iam_member" "exports_public" {
  bucket = google_storage_bucket.customer_exports.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_member" "exports_writer" {
  bucket = google_storage_bucket.customer_exports.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:export-job@acme-prod.iam.gserviceaccount.com"
}
