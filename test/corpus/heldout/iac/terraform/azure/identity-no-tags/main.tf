resource "azurerm_user_assigned_identity" "func" {
  name                = "id-func-invoice-renderer"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_role_assignment" "func_queue" {
  scope                = azurerm_storage_queue.invoices.resource_manager_id
  role_definition_name = "Storage Queue Data Message Processor"
  principal_id         = azurerm_user_assigned_identity.func.principal_id
}
