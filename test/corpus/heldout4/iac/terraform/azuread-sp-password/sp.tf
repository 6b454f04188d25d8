data "azuread_application" "legacy_sync" {
  display_name = "hr-directory-sync"
}

data "azuread_service_principal" "legacy_sync" {
  client_id = data.azuread_application.legacy_sync.client_id
}

resource "time_rotating" "legacy_sync" {
  rotation_days = 180
}

resource "azuread_service_principal_password" "legacy_sync" {
  service_principal_id = data.azuread_service_principal.legacy_sync.id
  rotate_when_changed = {
    rotation = time_rotating.legacy_sync.id
  }
}

resource "azurerm_key_vault_secret" "legacy_sync_secret" {
  name         = "hr-directory-sync-client-secret"
  value        = azuread_service_principal_password.legacy_sync.value
  key_vault_id = var.key_vault_id
}

variable "key_vault_id" {
  type = string
}
