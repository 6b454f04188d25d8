resource "google_organization_iam_member" "terraform_org_admin" {
  org_id = var.org_id
  role   = "roles/resourcemanager.organizationAdmin"
  member = "serviceAccount:${var.terraform_sa_email}"
}

resource "google_organization_iam_member" "terraform_folder_creator" {
  org_id = var.org_id
  role   = "roles/resourcemanager.folderCreator"
  member = "serviceAccount:${var.terraform_sa_email}"
}

resource "google_organization_iam_member" "terraform_billing_user" {
  org_id = var.org_id
  role   = "roles/billing.user"
  member = "serviceAccount:${var.terraform_sa_email}"
}

variable "org_id" { type = string }
variable "terraform_sa_email" { type = string }
