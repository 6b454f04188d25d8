data "google_iam_policy" "analytics_folder" {
  binding {
    role = "roles/bigquery.dataViewer"
    members = [
      "group:analysts@acme.example",
    ]
  }

  binding {
    role = "roles/iam.securityAdmin"
    members = [
      "serviceAccount:dataform@analytics-prj.iam.gserviceaccount.com",
    ]
  }
}

resource "google_folder_iam_policy" "analytics" {
  folder      = "folders/318421377762"
  policy_data = data.google_iam_policy.analytics_folder.policy_data
}
