resource "azurerm_resource_group" "app" {
  name     = "rg-orders-prod"
  location = "westeurope"
}

resource "azurerm_user_assigned_identity" "orders" {
  name                = "id-orders-api"
  resource_group_name = azurerm_resource_group.app.name
  location            = azurerm_resource_group.app.location
  tags = {
    owner = "orders-team"
  }
}

resource "azurerm_role_assignment" "orders_blob_reader" {
  scope                = azurerm_storage_account.orders.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_user_assigned_identity.orders.principal_id
}

resource "azurerm_role_assignment" "orders_kv_secrets" {
  scope                = azurerm_key_vault.orders.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.orders.principal_id
}

resource "azurerm_role_assignment" "deployer_rg" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Website Contributor"
  principal_id         = var.deployer_object_id
}
