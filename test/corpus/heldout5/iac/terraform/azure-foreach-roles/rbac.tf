data "azurerm_subscription" "this" {}

locals {
  platform_role_assignments = {
    monitoring_reader = "Monitoring Reader"
    cost_reader       = "Cost Management Reader"
    owner             = "Owner"
  }
}

resource "azurerm_role_assignment" "platform" {
  for_each             = local.platform_role_assignments
  scope                = data.azurerm_subscription.this.id
  role_definition_name = each.value
  principal_id         = var.platform_automation_object_id
}
