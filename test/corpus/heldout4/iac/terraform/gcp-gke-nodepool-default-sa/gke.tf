resource "google_container_cluster" "primary" {
  name     = "analytics"
  location = "europe-west4"

  remove_default_node_pool = true
  initial_node_count       = 1

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}

resource "google_container_node_pool" "general" {
  name       = "general"
  cluster    = google_container_cluster.primary.id
  node_count = 3

  node_config {
    machine_type = "e2-standard-8"
    disk_size_gb = 100

    oauth_scopes = [
      "https://www.googleapis.com/auth/cloud-platform",
    ]

    labels = {
      pool = "general"
    }
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

variable "project_id" {
  type = string
}
