resource "google_project_iam_custom_role" "deploy_helper" {
  role_id     = "deployHelper"
  title       = "Deploy helper"
  description = "Used by the release pipeline"
  permissions = [
    "run.services.update",
    "run.services.get",
    "iam.serviceAccounts.actAs",
    "resourcemanager.projects.setIamPolicy",
  ]
}

resource "google_project_iam_custom_role" "metrics_reader" {
  role_id     = "metricsReader"
  title       = "Metrics reader"
  permissions = [
    "monitoring.timeSeries.list",
    "monitoring.metricDescriptors.list",
  ]
}
