data "azuread_client_config" "current" {}

resource "azuread_application" "ingest" {
  display_name = "telemetry-ingest"
  owners       = [data.azuread_client_config.current.object_id]
}

resource "azuread_service_principal" "ingest" {
  client_id = azuread_application.ingest.client_id
  owners    = [data.azuread_client_config.current.object_id]
}

resource "azuread_application_password" "ingest" {
  application_id = azuread_application.ingest.id
  display_name   = "terraform-managed"
  end_date       = "2099-01-01T00:00:00Z"
}

resource "azurerm_key_vault_secret" "ingest_client_secret" {
  name         = "telemetry-ingest-client-secret"
  value        = azuread_application_password.ingest.value
  key_vault_id = var.key_vault_id
}
