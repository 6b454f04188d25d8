data "azuread_application" "deployer" {
  display_name = "github-infra-deployer"
}

resource "azuread_application_federated_identity_credential" "main_branch" {
  application_id = data.azuread_application.deployer.id
  display_name   = "github-acme-infra-main"
  description    = "GitHub Actions, acme/infra, main branch"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:acme/infra:ref:refs/heads/main"
}

resource "azuread_application_federated_identity_credential" "pull_requests" {
  application_id = data.azuread_application.deployer.id
  display_name   = "github-acme-infra-pr"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:acme/infra:pull_request"
}
