data "azurerm_subscription" "primary" {}

resource "azurerm_role_definition" "access_manager" {
  name        = "App Access Manager"
  scope       = data.azurerm_subscription.primary.id
  description = "Lets the onboarding function grant app teams access to their resource groups"

  permissions {
    actions = [
      "Microsoft.Resources/subscriptions/resourceGroups/read",
      "Microsoft.Authorization/roleAssignments/read",
      "Microsoft.Authorization/roleAssignments/write",
      "Microsoft.Authorization/roleAssignments/delete",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
