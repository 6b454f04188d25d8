resource "google_service_account" "jenkins_agent" {
  account_id   = "jenkins-agent"
  display_name = "Jenkins build agents"
}

resource "google_project_iam_member" "jenkins_agent" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/artifactregistry.reader",
  ])
  project = var.project_id
  role    = each.key
  member  = "serviceAccount:${google_service_account.jenkins_agent.email}"
}

resource "google_compute_instance" "jenkins_agent" {
  name         = "jenkins-agent-1"
  machine_type = "e2-standard-4"
  zone         = "us-central1-a"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = var.subnet_self_link
  }

  service_account {
    email  = google_service_account.jenkins_agent.email
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot = true
  }
}

variable "project_id" { type = string }
variable "subnet_self_link" { type = string }
