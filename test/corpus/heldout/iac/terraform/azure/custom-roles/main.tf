data "azurerm_subscription" "primary" {}

resource "azurerm_role_definition" "platform_ops" {
  name        = "Platform Ops"
  scope       = data.azurerm_subscription.primary.id
  description = "Everything the platform team needs"

  permissions {
    actions     = ["*"]
    not_actions = ["Microsoft.Authorization/elevateAccess/Action"]
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}

resource "azurerm_role_definition" "access_manager" {
  name  = "Access Manager"
  scope = data.azurerm_subscription.primary.id

  permissions {
    actions = [
      "Microsoft.Authorization/roleAssignments/read",
      "Microsoft.Authorization/roleAssignments/write",
      "Microsoft.Authorization/roleAssignments/delete",
    ]
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}

resource "azurerm_role_definition" "vm_operator" {
  name  = "VM Operator"
  scope = data.azurerm_subscription.primary.id

  permissions {
    actions = [
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/start/action",
      "Microsoft.Compute/virtualMachines/restart/action",
      "Microsoft.Compute/virtualMachines/deallocate/action",
      "Microsoft.Resources/subscriptions/resourceGroups/read",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
