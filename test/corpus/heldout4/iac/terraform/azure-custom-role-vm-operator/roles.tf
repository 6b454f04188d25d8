data "azurerm_subscription" "primary" {}

resource "azurerm_role_definition" "vm_operator" {
  name        = "Virtual Machine Operator (custom)"
  scope       = data.azurerm_subscription.primary.id
  description = "Can monitor, start, restart and deallocate virtual machines."

  permissions {
    actions = [
      "Microsoft.Storage/*/read",
      "Microsoft.Network/*/read",
      "Microsoft.Compute/*/read",
      "Microsoft.Compute/virtualMachines/start/action",
      "Microsoft.Compute/virtualMachines/restart/action",
      "Microsoft.Compute/virtualMachines/deallocate/action",
      "Microsoft.Resources/subscriptions/resourceGroups/read",
      "Microsoft.Insights/alertRules/*",
      "Microsoft.Support/*",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
