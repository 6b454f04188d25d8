resource "google_project_iam_member" "nodes_service_agent" {
  project = var.project_id
  role    = "roles/container.serviceAgent"
  member  = "serviceAccount:gke-nodes@${var.project_id}.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "gke_robot_host" {
  project = var.host_project_id
  role    = "roles/container.hostServiceAgentUser"
  member  = "serviceAccount:service-${var.project_number}@container-engine-robot.iam.gserviceaccount.com"
}
