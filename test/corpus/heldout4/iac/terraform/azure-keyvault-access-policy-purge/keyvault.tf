data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "app" {
  name                       = "kv-billing-prod-weu"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  soft_delete_retention_days = 7
  purge_protection_enabled   = false
}

resource "azurerm_key_vault_access_policy" "pipeline" {
  key_vault_id = azurerm_key_vault.app.id
  tenant_id    = data.azurerm_client_config.current.tenant_id
  object_id    = var.pipeline_object_id

  secret_permissions = [
    "Get",
    "List",
    "Set",
    "Delete",
    "Recover",
    "Backup",
    "Restore",
    "Purge",
  ]

  key_permissions = [
    "Get",
    "List",
    "Create",
    "Delete",
    "Purge",
  ]
}

resource "azurerm_key_vault_access_policy" "billing_app" {
  key_vault_id = azurerm_key_vault.app.id
  tenant_id    = data.azurerm_client_config.current.tenant_id
  object_id    = var.billing_app_object_id

  secret_permissions = ["Get", "List"]
}

variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "pipeline_object_id" { type = string }
variable "billing_app_object_id" { type = string }
