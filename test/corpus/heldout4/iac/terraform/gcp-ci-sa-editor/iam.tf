variable "project_id" {
  type = string
}

resource "google_service_account" "cloudbuild_deployer" {
  project      = var.project_id
  account_id   = "cloudbuild-deployer"
  display_name = "Cloud Build deployer"
  description  = "Runs terraform apply from Cloud Build triggers"
}

resource "google_project_iam_member" "deployer_editor" {
  project = var.project_id
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.cloudbuild_deployer.email}"
}

resource "google_project_iam_member" "deployer_artifact_writer" {
  project = var.project_id
  role    = "roles/artifactregistry.writer"
  member  = "serviceAccount:${google_service_account.cloudbuild_deployer.email}"
}

resource "google_project_iam_member" "deployer_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.cloudbuild_deployer.email}"
}
