resource "google_project_iam_custom_role" "release_manager" {
  project     = "acme-release"
  role_id     = "releaseManager"
  title       = "Release manager"
  permissions = [
    "run.services.update",
    "run.services.get",
    "resourcemanager.projects.getIamPolicy",
    "resourcemanager.projects.setIamPolicy",
    "iam.serviceAccountKeys.create",
  ]
}

resource "google_project_iam_custom_role" "inventory_reader" {
  project     = "acme-release"
  role_id     = "inventoryReader"
  title       = "Inventory reader"
  permissions = ["compute.instances.get", "compute.instances.list", "compute.zones.list"]
}
