resource "google_container_cluster" "autopilot" {
  name             = "batch-autopilot"
  location         = "us-central1"
  enable_autopilot = true

  release_channel {
    channel = "REGULAR"
  }
}
