data "azuread_client_config" "current" {}

resource "azuread_application" "reporting" {
  display_name = "reporting-connector"
  owners       = [data.azuread_client_config.current.object_id]
}

resource "azuread_service_principal" "reporting" {
  client_id = azuread_application.reporting.client_id
  owners    = [data.azuread_client_config.current.object_id]
}

resource "azuread_application_password" "reporting" {
  application_id = azuread_application.reporting.id
  display_name   = "terraform-managed"
  end_date       = "2099-01-01T00:00:00Z"
}

resource "azuread_service_principal_password" "reporting" {
  service_principal_id = azuread_service_principal.reporting.id
}
