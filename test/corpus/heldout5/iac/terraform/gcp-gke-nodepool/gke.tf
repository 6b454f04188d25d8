resource "google_service_account" "gke_nodes" {
  account_id   = "gke-nodes"
  display_name = "GKE node pools"
}

resource "google_container_cluster" "main" {
  name                     = "main"
  location                 = "europe-west4"
  remove_default_node_pool = true
  initial_node_count       = 1

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}

resource "google_container_node_pool" "general" {
  name     = "general"
  cluster  = google_container_cluster.main.id
  location = "europe-west4"

  node_config {
    machine_type    = "e2-standard-4"
    service_account = google_service_account.gke_nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

resource "google_container_node_pool" "batch" {
  name     = "batch"
  cluster  = google_container_cluster.main.id
  location = "europe-west4"

  node_config {
    machine_type = "n2-highmem-8"
    preemptible  = true
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
