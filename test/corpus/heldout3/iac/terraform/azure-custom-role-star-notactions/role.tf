resource "azurerm_role_definition" "platform_operator" {
  name  = "Platform Operator"
  scope = "/subscriptions/11111111-2222-3333-4444-555555555555"

  permissions {
    actions = ["*"]
    not_actions = [
      "Microsoft.Authorization/*/Delete",
      "Microsoft.Authorization/elevateAccess/Action",
    ]
  }

  assignable_scopes = ["/subscriptions/11111111-2222-3333-4444-555555555555"]
}
