data "azurerm_subscription" "primary" {}

data "azurerm_client_config" "current" {}

resource "azurerm_user_assigned_identity" "deploy" {
  name                = "id-deploy"
  resource_group_name = "rg-platform"
  location            = "westeurope"
  tags = {
    owner = "platform"
  }
}

resource "azurerm_role_assignment" "deploy_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.deploy.principal_id
}
