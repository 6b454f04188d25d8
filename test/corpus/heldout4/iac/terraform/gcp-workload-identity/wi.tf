variable "project_id" {
  type = string
}

variable "namespace" {
  type    = string
  default = "payments"
}

resource "google_service_account" "payments_api" {
  project      = var.project_id
  account_id   = "payments-api"
  display_name = "payments-api workload"
}

resource "google_service_account_iam_member" "payments_api_wi" {
  service_account_id = google_service_account.payments_api.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.namespace}/payments-api]"
}

resource "google_project_iam_member" "payments_api_sql" {
  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.payments_api.email}"
}

resource "google_secret_manager_secret_iam_member" "payments_api_db_password" {
  project   = var.project_id
  secret_id = "payments-db-password"
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.payments_api.email}"
}
