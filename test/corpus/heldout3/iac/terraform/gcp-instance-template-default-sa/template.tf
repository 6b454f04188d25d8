data "google_compute_default_service_account" "default" {}

resource "google_compute_instance_template" "workers" {
  name_prefix  = "workers-"
  machine_type = "n2-standard-4"

  disk {
    source_image = "cos-cloud/cos-stable"
  }

  network_interface {
    subnetwork = "projects/acme-net/regions/europe-west1/subnetworks/workers"
  }

  service_account {
    email  = data.google_compute_default_service_account.default.email
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
