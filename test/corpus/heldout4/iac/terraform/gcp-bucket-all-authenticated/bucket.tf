module "ml_datasets" {
  source  = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  version = "~> 5.0"

  name       = "acme-ml-datasets"
  project_id = var.project_id
  location   = "us-central1"
}

resource "google_storage_bucket_iam_binding" "datasets_readers" {
  bucket = module.ml_datasets.name
  role   = "roles/storage.objectViewer"
  members = [
    "allAuthenticatedUsers",
  ]
}

variable "project_id" {
  type = string
}
