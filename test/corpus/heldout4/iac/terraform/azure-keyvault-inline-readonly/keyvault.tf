data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "web" {
  name                        = "kv-web-frontend"
  location                    = azurerm_resource_group.web.location
  resource_group_name         = azurerm_resource_group.web.name
  enabled_for_disk_encryption = false
  tenant_id                   = data.azurerm_client_config.current.tenant_id
  soft_delete_retention_days  = 90
  purge_protection_enabled    = true
  sku_name                    = "standard"

  access_policy {
    tenant_id = data.azurerm_client_config.current.tenant_id
    object_id = azurerm_linux_web_app.frontend.identity[0].principal_id

    secret_permissions      = ["Get", "List"]
    certificate_permissions = ["Get"]
  }
}

resource "azurerm_resource_group" "web" {
  name     = "rg-web-frontend"
  location = "uksouth"
}

resource "azurerm_linux_web_app" "frontend" {
  name                = "app-acme-frontend"
  resource_group_name = azurerm_resource_group.web.name
  location            = azurerm_resource_group.web.location
  service_plan_id     = var.service_plan_id

  identity {
    type = "SystemAssigned"
  }

  site_config {}

  tags = {
    owner = "web-team"
  }
}

variable "service_plan_id" { type = string }
