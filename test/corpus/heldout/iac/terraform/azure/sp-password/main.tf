resource "azuread_application" "legacy_sync" {
  display_name = "legacy-ad-sync"
}

resource "azuread_service_principal" "legacy_sync" {
  client_id = azuread_application.legacy_sync.client_id
}

resource "azuread_service_principal_password" "legacy_sync" {
  service_principal_id = azuread_service_principal.legacy_sync.id
}

resource "azuread_application_federated_identity_credential" "gha" {
  application_id = azuread_application.legacy_sync.id
  display_name   = "github-main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:acme/ad-sync:ref:refs/heads/main"
}
