resource "google_storage_bucket" "uploads" {
  name                        = "acme-user-uploads"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "uploads_admin" {
  bucket = google_storage_bucket.uploads.name
  role   = "roles/storage.admin"
  member = "allAuthenticatedUsers"
}

resource "google_storage_bucket_iam_binding" "uploads_public" {
  bucket  = google_storage_bucket.uploads.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]
}
