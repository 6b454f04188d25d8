terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_subscription" "primary" {}

resource "azurerm_resource_group" "automation" {
  name     = "rg-automation-prod"
  location = "westeurope"
}

resource "azurerm_user_assigned_identity" "runbooks" {
  name                = "id-automation-runbooks"
  resource_group_name = azurerm_resource_group.automation.name
  location            = azurerm_resource_group.automation.location

  tags = {
    owner       = "cloud-ops"
    environment = "prod"
  }
}

resource "azurerm_role_assignment" "runbooks_owner" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.runbooks.principal_id
}

resource "azurerm_role_assignment" "runbooks_monitoring" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Monitoring Reader"
  principal_id         = azurerm_user_assigned_identity.runbooks.principal_id
}
