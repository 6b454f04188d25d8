data "azurerm_subscription" "current" {}

resource "azurerm_role_definition" "platform_operator" {
  name        = "Platform Operator"
  scope       = data.azurerm_subscription.current.id
  description = "Everything the platform automation needs"

  permissions {
    actions     = ["*"]
    not_actions = []
  }

  assignable_scopes = [
    data.azurerm_subscription.current.id,
  ]
}
