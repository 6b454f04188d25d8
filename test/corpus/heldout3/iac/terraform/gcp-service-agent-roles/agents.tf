data "google_project" "p" {
  project_id = "acme-build"
}

resource "google_project_iam_member" "cloudbuild_agent" {
  project = data.google_project.p.project_id
  role    = "roles/cloudbuild.serviceAgent"
  member  = "serviceAccount:service-${data.google_project.p.number}@gcp-sa-cloudbuild.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "ci_container_agent" {
  project = data.google_project.p.project_id
  role    = "roles/container.serviceAgent"
  member  = "serviceAccount:ci-runner@acme-build.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "dataflow_agent" {
  project = data.google_project.p.project_id
  role    = "roles/dataflow.serviceAgent"
  members = ["group:data-eng@acme.example"]
}
