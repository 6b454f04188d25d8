resource "google_folder_iam_binding" "engineering_editors" {
  folder = "folders/734512098811"
  role   = "roles/editor"
  members = [
    "group:engineering@acme.example",
    "serviceAccount:terraform@acme-seed.iam.gserviceaccount.com",
  ]
}

resource "google_folder_iam_member" "browsers" {
  folder = "folders/734512098811"
  role   = "roles/browser"
  member = "group:everyone@acme.example"
}
