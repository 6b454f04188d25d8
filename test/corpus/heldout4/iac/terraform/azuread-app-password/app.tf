data "azuread_client_config" "current" {}

resource "azuread_application" "grafana" {
  display_name = "grafana-azure-monitor"
  owners       = [data.azuread_client_config.current.object_id]
  tags         = ["HideApp", "WindowsAzureActiveDirectoryIntegratedApp"]
}

resource "azuread_service_principal" "grafana" {
  client_id = azuread_application.grafana.client_id
  owners    = [data.azuread_client_config.current.object_id]
}

resource "azuread_application_password" "grafana" {
  application_id    = azuread_application.grafana.id
  display_name      = "grafana datasource"
  end_date_relative = "17520h"
}

resource "azurerm_role_assignment" "grafana_monitoring_reader" {
  scope                = "/subscriptions/${var.subscription_id}"
  role_definition_name = "Monitoring Reader"
  principal_id         = azuread_service_principal.grafana.object_id
}

variable "subscription_id" {
  type = string
}
