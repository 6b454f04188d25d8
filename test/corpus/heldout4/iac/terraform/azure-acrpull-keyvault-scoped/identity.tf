resource "azurerm_user_assigned_identity" "orders_api" {
  name                = "id-orders-api"
  resource_group_name = var.resource_group_name
  location            = var.location
  tags = {
    Team        = "orders"
    Application = "orders-api"
  }
}

resource "azurerm_role_assignment" "orders_api_acr_pull" {
  scope                = azurerm_container_registry.shared.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.orders_api.principal_id
}

resource "azurerm_role_assignment" "orders_api_kv_secrets" {
  scope                = azurerm_key_vault.orders.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.orders_api.principal_id
}

resource "azurerm_role_assignment" "orders_api_sb_sender" {
  scope                = azurerm_servicebus_queue.orders.id
  role_definition_name = "Azure Service Bus Data Sender"
  principal_id         = azurerm_user_assigned_identity.orders_api.principal_id
}

resource "azurerm_container_app" "orders_api" {
  name                         = "ca-orders-api"
  container_app_environment_id = var.container_app_environment_id
  resource_group_name          = var.resource_group_name
  revision_mode                = "Single"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.orders_api.id]
  }

  registry {
    server   = azurerm_container_registry.shared.login_server
    identity = azurerm_user_assigned_identity.orders_api.id
  }

  template {
    container {
      name   = "orders-api"
      image  = "${azurerm_container_registry.shared.login_server}/orders-api:${var.image_tag}"
      cpu    = 0.5
      memory = "1Gi"
    }
  }

  tags = {
    Team = "orders"
  }
}

variable "resource_group_name" { type = string }
variable "location" { type = string }
variable "container_app_environment_id" { type = string }
variable "image_tag" { type = string }
