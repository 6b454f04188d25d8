resource "google_project_iam_member" "ci_token_creator" {
  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "serviceAccount:github-ci@${var.project_id}.iam.gserviceaccount.com"
}

resource "google_service_account_iam_member" "scheduler_invoker" {
  service_account_id = google_service_account.invoker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:service-${var.project_number}@gcp-sa-cloudscheduler.iam.gserviceaccount.com"
}

resource "google_service_account" "invoker" {
  account_id   = "scheduler-invoker"
  display_name = "Invokes Cloud Run jobs on a schedule"
}
