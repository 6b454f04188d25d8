resource "google_service_account_iam_member" "deployer_act_as_runtime" {
  service_account_id = "projects/acme-web/serviceAccounts/web-runtime@acme-web.iam.gserviceaccount.com"
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:web-deployer@acme-web.iam.gserviceaccount.com"
}
