data "azurerm_subscription" "current" {}

resource "azurerm_user_assigned_identity" "cost_exporter" {
  name                = "id-cost-exporter"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags = merge(var.extra_tags, {
    contact = "finops@acme.io"
  })
}

resource "azurerm_role_assignment" "cost_exporter_reader" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.cost_exporter.principal_id
}

resource "azurerm_role_assignment" "cost_exporter_cost" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Cost Management Reader"
  principal_id         = azurerm_user_assigned_identity.cost_exporter.principal_id
}

variable "resource_group_name" { type = string }
variable "location" { type = string }
variable "extra_tags" {
  type    = map(string)
  default = {}
}
