data "azurerm_subscription" "primary" {}

resource "azurerm_role_definition" "access_manager" {
  name        = "App Access Manager"
  scope       = data.azurerm_subscription.primary.id
  description = "Lets the onboarding pipeline grant access"

  permissions {
    actions = [
      "Microsoft.Authorization/roleAssignments/read",
      "Microsoft.Authorization/roleAssignments/write",
      "Microsoft.Resources/subscriptions/resourceGroups/read",
    ]
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}
