variable "workloads" {
  type    = set(string)
  default = ["ingest", "export", "reconcile"]
}

resource "azurerm_user_assigned_identity" "workload" {
  for_each = var.workloads

  name                = "id-${each.key}-prd"
  resource_group_name = "rg-dataplatform-prd"
  location            = "westeurope"

  tags = {
    workload    = each.key
    environment = "prd"
  }
}

resource "azurerm_federated_identity_credential" "workload" {
  for_each = var.workloads

  name                = "aks-${each.key}"
  resource_group_name = "rg-dataplatform-prd"
  parent_id           = azurerm_user_assigned_identity.workload[each.key].id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.aks_oidc_issuer_url
  subject             = "system:serviceaccount:${each.key}:${each.key}"
}

variable "aks_oidc_issuer_url" {
  type = string
}
