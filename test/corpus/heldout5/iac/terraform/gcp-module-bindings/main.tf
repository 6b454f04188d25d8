module "project_iam_bindings" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  version  = "~> 7.7"
  projects = [var.project_id]
  mode     = "additive"

  bindings = {
    "roles/storage.objectViewer" = [
      "serviceAccount:etl@${var.project_id}.iam.gserviceaccount.com",
    ]
    "roles/owner" = [
      "serviceAccount:etl@${var.project_id}.iam.gserviceaccount.com",
    ]
  }
}
