resource "google_project_iam_custom_role" "vm_operator" {
  project     = var.project_id
  role_id     = "vmOperator"
  title       = "VM operator"
  description = "Start, stop and reset instances; read their serial output"
  permissions = [
    "compute.instances.get",
    "compute.instances.list",
    "compute.instances.start",
    "compute.instances.stop",
    "compute.instances.reset",
    "compute.instances.getSerialPortOutput",
    "compute.zoneOperations.get",
  ]
}

resource "google_project_iam_member" "oncall_vm_operator" {
  project = var.project_id
  role    = google_project_iam_custom_role.vm_operator.name
  member  = "group:sre-oncall@acme.io"
}

variable "project_id" {
  type = string
}
