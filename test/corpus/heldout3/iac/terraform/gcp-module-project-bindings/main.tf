module "project_iam_bindings" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  version  = "~> 7.7"
  projects = ["acme-analytics"]
  mode     = "additive"

  bindings = {
    "roles/editor" = [
      "serviceAccount:airflow@acme-analytics.iam.gserviceaccount.com",
    ]
    "roles/bigquery.jobUser" = [
      "group:analysts@acme.example",
    ]
    "roles/bigquery.dataViewer" = [
      "group:analysts@acme.example",
    ]
  }
}
