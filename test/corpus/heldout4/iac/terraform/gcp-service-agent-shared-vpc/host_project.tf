data "google_project" "service" {
  project_id = var.service_project_id
}

resource "google_compute_shared_vpc_service_project" "service" {
  host_project    = var.host_project_id
  service_project = var.service_project_id
}

# GKE in the service project must use the host project's subnets.
resource "google_project_iam_member" "gke_host_service_agent_user" {
  project = var.host_project_id
  role    = "roles/container.hostServiceAgentUser"
  member  = "serviceAccount:service-${data.google_project.service.number}@container-engine-robot.iam.gserviceaccount.com"
}

resource "google_compute_subnetwork_iam_member" "gke_network_user" {
  project    = var.host_project_id
  region     = "europe-west1"
  subnetwork = "gke-nodes"
  role       = "roles/compute.networkUser"
  member     = "serviceAccount:service-${data.google_project.service.number}@container-engine-robot.iam.gserviceaccount.com"
}

# The Cloud Functions service agent lost its role after a policy reset; restore it.
resource "google_project_iam_member" "gcf_service_agent" {
  project = var.service_project_id
  role    = "roles/cloudfunctions.serviceAgent"
  member  = "serviceAccount:service-${data.google_project.service.number}@gcf-admin-robot.iam.gserviceaccount.com"
}

variable "host_project_id" { type = string }
variable "service_project_id" { type = string }
