variable "tags" {
  type    = map(string)
  default = {}
}

resource "azurerm_user_assigned_identity" "payments" {
  name                = "id-payments-api"
  location            = "westeurope"
  resource_group_name = "rg-payments"
  tags = merge(var.tags, {
    owner = "payments"
  })
}
