resource "azurerm_resource_group" "app" {
  name     = "rg-orders-prod"
  location = "westeurope"
}

resource "azurerm_role_assignment" "deploy_contributor" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Contributor"
  principal_id         = var.deploy_principal_id
}

resource "azurerm_role_assignment" "readers" {
  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = "Reader"
  principal_id         = var.auditors_group_id
}

resource "azurerm_role_assignment" "kv_secrets_user" {
  scope                = azurerm_key_vault.app.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_linux_web_app.orders.identity[0].principal_id
}
