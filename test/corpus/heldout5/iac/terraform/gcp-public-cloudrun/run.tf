resource "google_cloud_run_v2_service" "site" {
  name     = "marketing-site"
  location = "europe-west1"
  template {
    containers {
      image = "europe-docker.pkg.dev/acme-web/site/marketing:1.14.2"
    }
    service_account = google_service_account.site.email
  }
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  project  = google_cloud_run_v2_service.site.project
  location = google_cloud_run_v2_service.site.location
  name     = google_cloud_run_v2_service.site.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
