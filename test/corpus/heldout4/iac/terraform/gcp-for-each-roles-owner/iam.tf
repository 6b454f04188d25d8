locals {
  pipeline_sa = "serviceAccount:data-pipeline@${var.project_id}.iam.gserviceaccount.com"
  pipeline_roles = [
    "roles/dataflow.worker",
    "roles/bigquery.dataEditor",
    "roles/owner",
  ]
}

resource "google_project_iam_member" "pipeline" {
  for_each = toset(local.pipeline_roles)

  project = var.project_id
  role    = each.value
  member  = local.pipeline_sa
}

variable "project_id" {
  type = string
}
