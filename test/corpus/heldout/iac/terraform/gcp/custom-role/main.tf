resource "google_project_iam_custom_role" "ops" {
  role_id     = "opsAutomation"
  title       = "Ops automation"
  description = "Lets the runbook bot fix IAM drift"
  permissions = [
    "resourcemanager.projects.getIamPolicy",
    "resourcemanager.projects.setIamPolicy",
    "iam.serviceAccountKeys.create",
    "compute.instances.start",
    "compute.instances.stop",
  ]
}

resource "google_project_iam_custom_role" "restarter" {
  role_id     = "vmRestarter"
  title       = "VM restarter"
  permissions = ["compute.instances.get", "compute.instances.reset", "compute.instances.start", "compute.instances.stop"]
}
