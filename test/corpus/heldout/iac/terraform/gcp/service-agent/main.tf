data "google_project" "this" {}

resource "google_project_iam_member" "gke_robot" {
  project = data.google_project.this.project_id
  role    = "roles/container.serviceAgent"
  member  = "serviceAccount:service-${data.google_project.this.number}@container-engine-robot.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "ci_service_agent" {
  project = data.google_project.this.project_id
  role    = "roles/container.serviceAgent"
  member  = "serviceAccount:ci-runner@${data.google_project.this.project_id}.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "devs_dataflow_agent" {
  project = data.google_project.this.project_id
  role    = "roles/dataflow.serviceAgent"
  member  = "group:data-devs@acme.example"
}
