data "azurerm_subscription" "primary" {}

data "azuread_service_principal" "pipeline" {
  display_name = "sp-azure-pipelines-prod"
}

resource "azurerm_role_assignment" "pipeline_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = data.azuread_service_principal.pipeline.object_id
}
