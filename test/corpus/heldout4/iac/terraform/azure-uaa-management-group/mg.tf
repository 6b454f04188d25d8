data "azurerm_management_group" "landing_zones" {
  name = "acme-landingzones"
}

resource "azurerm_user_assigned_identity" "policy_remediation" {
  name                = "id-policy-remediation"
  resource_group_name = "rg-governance"
  location            = "westeurope"
  tags = {
    Owner = "cloud-governance"
  }
}

resource "azurerm_role_assignment" "policy_remediation_uaa" {
  scope                = data.azurerm_management_group.landing_zones.id
  role_definition_name = "User Access Administrator"
  principal_id         = azurerm_user_assigned_identity.policy_remediation.principal_id
}

resource "azurerm_role_assignment" "policy_remediation_reader" {
  scope                = data.azurerm_management_group.landing_zones.id
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.policy_remediation.principal_id
}
