variable "subscription_id" {
  type = string
}

resource "azurerm_role_assignment" "pipeline" {
  scope              = "/subscriptions/${var.subscription_id}"
  role_definition_id = "/subscriptions/${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
  principal_id       = var.pipeline_sp_object_id
}
