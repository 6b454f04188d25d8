resource "azurerm_role_definition" "lab_admin" {
  name        = "Lab Admin"
  scope       = "/subscriptions/${var.subscription_id}"
  description = "Full control for the lab subscription"

  permissions {
    actions     = ["*"]
    not_actions = []
  }

  assignable_scopes = [
    "/subscriptions/${var.subscription_id}",
  ]
}
