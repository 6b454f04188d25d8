data "azurerm_subscription" "current" {}

resource "azurerm_role_definition" "app_operator" {
  name        = "App Operator"
  scope       = data.azurerm_subscription.current.id
  description = "Restart and scale web apps, manage access for support staff"

  permissions {
    actions = [
      "Microsoft.Web/sites/restart/action",
      "Microsoft.Web/sites/read",
      "Microsoft.Web/serverfarms/write",
      "Microsoft.Authorization/roleAssignments/write",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.current.id]
}

resource "azurerm_role_definition" "vm_starter" {
  name  = "VM Starter"
  scope = data.azurerm_subscription.current.id

  permissions {
    actions = [
      "Microsoft.Compute/virtualMachines/start/action",
      "Microsoft.Compute/virtualMachines/read",
    ]
  }

  assignable_scopes = [data.azurerm_subscription.current.id]
}
