resource "google_service_account" "nodes" {
  account_id   = "gke-nodes"
  display_name = "GKE node pool"
}

resource "google_project_iam_member" "nodes" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
  ])
  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_container_node_pool" "primary" {
  name     = "primary"
  cluster  = google_container_cluster.main.id
  location = "europe-west1"

  node_config {
    machine_type    = "e2-standard-4"
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_container_node_pool" "batch" {
  name     = "batch"
  cluster  = google_container_cluster.main.id
  location = "europe-west1"

  node_config {
    machine_type = "n2-highmem-8"
    service_account = "123456789012-compute@developer.gserviceaccount.com"
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
