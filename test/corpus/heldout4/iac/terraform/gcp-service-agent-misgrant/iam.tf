resource "google_service_account" "gke_ops" {
  project    = var.project_id
  account_id = "gke-ops"
}

# Copied from the GKE troubleshooting guide to "fix" node pool creation errors.
resource "google_project_iam_member" "gke_ops_service_agent" {
  project = var.project_id
  role    = "roles/container.serviceAgent"
  member  = "serviceAccount:${google_service_account.gke_ops.email}"
}

resource "google_project_iam_member" "gke_ops_viewer" {
  project = var.project_id
  role    = "roles/container.clusterViewer"
  member  = "serviceAccount:${google_service_account.gke_ops.email}"
}

variable "project_id" {
  type = string
}
