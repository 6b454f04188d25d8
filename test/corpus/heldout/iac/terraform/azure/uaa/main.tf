resource "azurerm_role_assignment" "automation_uaa" {
  scope                = "/subscriptions/00000000-1111-2222-3333-444444444444"
  role_definition_name = "User Access Administrator"
  principal_id         = azuread_service_principal.automation.object_id
}

resource "azuread_application" "automation" {
  display_name = "automation-runbooks"
  owners       = [data.azuread_client_config.current.object_id]
}

resource "azuread_service_principal" "automation" {
  client_id = azuread_application.automation.client_id
  owners    = [data.azuread_client_config.current.object_id]
}

resource "azuread_application_password" "automation" {
  application_id = azuread_application.automation.id
  display_name   = "runbooks"
  end_date       = "2099-01-01T00:00:00Z"
}

data "azuread_client_config" "current" {}
