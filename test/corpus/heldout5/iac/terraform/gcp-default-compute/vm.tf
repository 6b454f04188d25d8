resource "google_compute_instance" "jumpbox" {
  name         = "jumpbox-1"
  machine_type = "e2-small"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = var.subnet_id
  }

  service_account {
    scopes = ["cloud-platform"]
  }

  labels = {
    owner = "netops"
  }
}
