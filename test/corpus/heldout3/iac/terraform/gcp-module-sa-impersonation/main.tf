module "sa_iam" {
  source           = "terraform-google-modules/iam/google//modules/service_accounts_iam"
  version          = "~> 7.7"
  service_accounts = ["terraform@acme-seed.iam.gserviceaccount.com"]
  project          = "acme-seed"
  mode             = "additive"

  bindings = {
    "roles/iam.serviceAccountTokenCreator" = [
      "domain:acme.example",
    ]
  }
}
