resource "google_project_iam_binding" "editors" {
  project = "acme-analytics-prod"
  role    = "roles/editor"

  members = [
    "group:data-engineers@acme.example",
    "serviceAccount:airflow@acme-analytics-prod.iam.gserviceaccount.com",
  ]
}

resource "google_project_iam_binding" "bq_viewers" {
  project = "acme-analytics-prod"
  role    = "roles/bigquery.dataViewer"
  members = ["group:analysts@acme.example"]
}
