module "project_iam_bindings" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  version  = "~> 7.7"
  projects = [var.project_id]
  mode     = "additive"

  bindings = {
    "roles/owner" = [
      "serviceAccount:project-factory@acme-seed.iam.gserviceaccount.com",
    ]
  }
}

module "project_iam_readers" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  version  = "~> 7.7"
  projects = [var.project_id]
  mode     = "additive"

  bindings = {
    "roles/browser" = [
      "group:all-engineers@acme.io",
    ]
    "roles/monitoring.viewer" = [
      "serviceAccount:grafana@acme-observability.iam.gserviceaccount.com",
    ]
  }
}

variable "project_id" {
  type = string
}
