data "google_iam_policy" "org" {
  binding {
    role = "roles/resourcemanager.organizationAdmin"
    members = [
      "group:gcp-admins@acme.example",
      "serviceAccount:org-terraform@acme-seed.iam.gserviceaccount.com",
    ]
  }

  binding {
    role = "roles/billing.viewer"
    members = [
      "group:finance@acme.example",
    ]
  }
}

resource "google_organization_iam_policy" "org" {
  org_id      = "123456789012"
  policy_data = data.google_iam_policy.org.policy_data
}
