resource "azurerm_key_vault" "app" {
  name                      = "kv-orders-prod"
  location                  = "westeurope"
  resource_group_name       = "rg-orders"
  tenant_id                 = var.tenant_id
  sku_name                  = "standard"
  purge_protection_enabled  = true

  access_policy {
    tenant_id          = var.tenant_id
    object_id          = var.app_object_id
    secret_permissions = ["Get", "List"]
  }

  access_policy {
    tenant_id       = var.tenant_id
    object_id       = var.encryptor_object_id
    key_permissions = ["Get", "WrapKey", "UnwrapKey"]
  }
}

variable "tenant_id" {
  type = string
}

variable "app_object_id" {
  type = string
}

variable "encryptor_object_id" {
  type = string
}
