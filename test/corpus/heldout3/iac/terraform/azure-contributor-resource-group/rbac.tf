resource "azurerm_resource_group" "app" {
  name     = "rg-orders-prod"
  location = "northeurope"
}

resource "azurerm_role_assignment" "pipeline_rg" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Contributor"
  principal_id         = var.pipeline_principal_id
}

resource "azurerm_role_assignment" "pipeline_reader" {
  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = "Reader"
  principal_id         = var.pipeline_principal_id
}

variable "pipeline_principal_id" {
  type = string
}

variable "subscription_id" {
  type = string
}
