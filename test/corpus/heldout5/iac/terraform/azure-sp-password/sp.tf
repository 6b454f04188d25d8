resource "azuread_service_principal_password" "legacy_etl" {
  service_principal_id = azuread_service_principal.legacy_etl.object_id
}

resource "azuread_application_federated_identity_credential" "github" {
  application_id = azuread_application.deploy.id
  display_name   = "github-main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:acme-corp/infra-live:environment:production"
}
