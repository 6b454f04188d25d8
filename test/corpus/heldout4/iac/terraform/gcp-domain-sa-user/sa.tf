resource "google_service_account" "dataflow_runner" {
  account_id   = "dataflow-runner"
  display_name = "Dataflow worker SA"
}

resource "google_service_account_iam_binding" "dataflow_runner_users" {
  service_account_id = google_service_account.dataflow_runner.name
  role               = "roles/iam.serviceAccountUser"

  members = [
    "domain:acme.io",
  ]
}
