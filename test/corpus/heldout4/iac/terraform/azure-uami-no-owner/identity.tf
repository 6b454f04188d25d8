resource "azurerm_user_assigned_identity" "ingest" {
  name                = "id-telemetry-ingest"
  location            = azurerm_resource_group.telemetry.location
  resource_group_name = azurerm_resource_group.telemetry.name

  tags = {
    environment = "production"
    costcenter  = "CC-1182"
  }
}

resource "azurerm_resource_group" "telemetry" {
  name     = "rg-telemetry"
  location = "northeurope"
}

resource "azurerm_role_assignment" "ingest_blob_reader" {
  scope                = azurerm_storage_account.telemetry.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_user_assigned_identity.ingest.principal_id
}

resource "azurerm_storage_account" "telemetry" {
  name                     = "sttelemetryprod01"
  resource_group_name      = azurerm_resource_group.telemetry.name
  location                 = azurerm_resource_group.telemetry.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}
