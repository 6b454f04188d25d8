locals {
  common_tags = {
    Contact     = "payments-oncall@acme.example"
    CostCenter  = "4410"
    Environment = var.environment
  }
}

resource "azurerm_user_assigned_identity" "payments" {
  for_each            = toset(["api", "worker", "scheduler"])
  name                = "id-payments-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = local.common_tags
}
