variable "subscription_id" {
  type = string
}

resource "azurerm_role_assignment" "aks_kubelet" {
  scope              = "/subscriptions/${var.subscription_id}"
  role_definition_id = "/subscriptions/${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
  principal_id       = azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id
}
