resource "google_project_iam_member" "devs_token_creator" {
  project = var.project
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "group:developers@acme.example"
}

resource "google_project_iam_member" "everyone_sa_user" {
  project = var.project
  role    = "roles/iam.serviceAccountUser"
  member  = "domain:acme.example"
}
