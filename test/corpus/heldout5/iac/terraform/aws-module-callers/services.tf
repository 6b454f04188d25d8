module "billing_role" {
  source = "./modules/service-role"

  name = "billing-service"
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
  ]
  tags = {
    owner = "billing-team"
    env   = "prod"
  }
}

module "reports_role" {
  source = "./modules/service-role"

  name = "reports-service"
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
  ]
  tags = {
    env = "prod"
  }
}

module "migration_role" {
  source = "./modules/service-role"

  name = "db-migrations"
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
  tags = {
    owner = "dba"
  }
}
