variable "subscription_id" {
  type = string
}

variable "pipeline_sp_object_id" {
  type        = string
  description = "Object id of the Azure DevOps service connection's service principal"
}

locals {
  contributor_role_id = "b24988ac-6180-42a0-ab88-20f7382dd24c"
}

resource "azurerm_role_assignment" "pipeline_contributor" {
  scope              = "/subscriptions/${var.subscription_id}"
  role_definition_id = "/subscriptions/${var.subscription_id}/providers/Microsoft.Authorization/roleDefinitions/${local.contributor_role_id}"
  principal_id       = var.pipeline_sp_object_id
  principal_type     = "ServicePrincipal"
  description        = "Azure DevOps deployment pipeline"
}
