resource "azuread_application" "legacy_sync" {
  display_name = "hr-legacy-sync"
  owners       = ["5b2d7c1e-3f4a-4c6b-9d8e-0a1b2c3d4e5f"]
}

resource "azuread_application_certificate" "legacy_sync" {
  application_id = azuread_application.legacy_sync.id
  type           = "AsymmetricX509Cert"
  value          = file("${path.module}/certs/hr-sync.pem")
  end_date       = "2030-06-30T00:00:00Z"
}
