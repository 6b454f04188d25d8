resource "google_service_account" "runtime" {
  account_id   = "orders-api-runtime"
  display_name = "orders-api Cloud Run runtime"
}

resource "google_service_account" "deployer" {
  account_id   = "orders-api-deployer"
  display_name = "orders-api deployer (GitHub Actions via WIF)"
}

resource "google_project_iam_member" "deployer_run" {
  project = var.project_id
  role    = "roles/run.developer"
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

# The deployer must be able to act as the runtime SA, and only that one.
resource "google_service_account_iam_member" "deployer_act_as_runtime" {
  service_account_id = google_service_account.runtime.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_service_account_iam_member" "github_wif" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/${var.project_number}/locations/global/workloadIdentityPools/github/attribute.repository/acme/orders-api"
}

resource "google_cloud_run_v2_service" "orders_api" {
  name     = "orders-api"
  location = "europe-west1"

  template {
    service_account = google_service_account.runtime.email
    containers {
      image = "europe-west1-docker.pkg.dev/${var.project_id}/apps/orders-api:latest"
    }
  }
}

variable "project_id" { type = string }
variable "project_number" { type = string }
