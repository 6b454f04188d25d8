module "project_iam_bindings" {
  source   = "terraform-google-modules/iam/google//modules/projects_iam"
  version  = "~> 7.7"
  projects = ["acme-payments-prod"]
  mode     = "additive"

  bindings = {
    "roles/owner" = [
      "group:payments-leads@acme.example",
    ]
    "roles/editor" = [
      "serviceAccount:deployer@acme-payments-prod.iam.gserviceaccount.com",
    ]
  }
}

module "bucket_iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  version         = "~> 7.7"
  storage_buckets = ["acme-payments-reports"]
  mode            = "additive"

  bindings = {
    "roles/storage.objectViewer" = ["group:finance@acme.example"]
  }
}
