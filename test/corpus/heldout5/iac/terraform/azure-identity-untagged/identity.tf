resource "azurerm_user_assigned_identity" "func" {
  name                = "id-invoice-func"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_user_assigned_identity" "sync" {
  name                = "id-crm-sync"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    Team = "crm-integrations"
  }
}

resource "azurerm_role_assignment" "func_blob" {
  scope                = azurerm_storage_account.invoices.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.func.principal_id
}
