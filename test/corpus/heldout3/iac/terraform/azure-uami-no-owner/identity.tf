resource "azurerm_user_assigned_identity" "backup_agent" {
  name                = "id-backup-agent"
  location            = "westeurope"
  resource_group_name = "rg-backup"
}

resource "azurerm_role_assignment" "backup_reader" {
  scope                = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-backup/providers/Microsoft.Storage/storageAccounts/stbackupacme"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.backup_agent.principal_id
}
