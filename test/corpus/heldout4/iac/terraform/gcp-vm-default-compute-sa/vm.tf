resource "google_compute_instance" "jenkins_agent" {
  name         = "jenkins-agent-1"
  machine_type = "e2-standard-4"
  zone         = "us-central1-a"
  tags         = ["jenkins-agent"]

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
      size  = 100
    }
  }

  network_interface {
    network    = "default"
    subnetwork = "default"
  }

  service_account {
    scopes = ["cloud-platform"]
  }

  metadata = {
    enable-oslogin = "TRUE"
  }
}
