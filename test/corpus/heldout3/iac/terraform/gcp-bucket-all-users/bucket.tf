resource "google_storage_bucket" "exports" {
  name                        = "acme-partner-exports"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "public" {
  bucket = google_storage_bucket.exports.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "uploads" {
  bucket  = google_storage_bucket.exports.name
  role    = "roles/storage.objectCreator"
  members = ["allAuthenticatedUsers"]
}
