locals {
  project = "acme-prod-platform"
  ci_sa   = "serviceAccount:github-ci@acme-ci-tools.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "ci_token_creator" {
  project = local.project
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = local.ci_sa
}

resource "google_project_iam_member" "ci_run_developer" {
  project = local.project
  role    = "roles/run.developer"
  member  = local.ci_sa
}
