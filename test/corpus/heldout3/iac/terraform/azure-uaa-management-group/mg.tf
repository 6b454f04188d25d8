data "azurerm_management_group" "root" {
  name = "acme-root"
}

resource "azurerm_role_assignment" "governance_uaa" {
  scope                = data.azurerm_management_group.root.id
  role_definition_name = "User Access Administrator"
  principal_id         = "6f1c3a55-7d0b-4b8e-9a5c-2e0d1b7f4c11"
}
