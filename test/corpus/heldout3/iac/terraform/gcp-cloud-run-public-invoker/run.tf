resource "google_cloud_run_v2_service" "site" {
  name     = "marketing-site"
  location = "europe-west1"

  template {
    service_account = "marketing-site@acme-web.iam.gserviceaccount.com"
    containers {
      image = "europe-docker.pkg.dev/acme-web/site/marketing:1.8.2"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  name     = google_cloud_run_v2_service.site.name
  location = google_cloud_run_v2_service.site.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}
