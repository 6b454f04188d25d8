data "azurerm_subscription" "primary" {}

resource "azurerm_user_assigned_identity" "aks_kubelet" {
  name                = "id-aks-kubelet-prod"
  resource_group_name = azurerm_resource_group.aks.name
  location            = azurerm_resource_group.aks.location
  tags = {
    owner = "container-platform"
  }
}

resource "azurerm_role_assignment" "kubelet_acr_pull" {
  scope                = azurerm_container_registry.main.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.aks_kubelet.principal_id
}

resource "azurerm_role_assignment" "kubelet_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.aks_kubelet.principal_id
}
