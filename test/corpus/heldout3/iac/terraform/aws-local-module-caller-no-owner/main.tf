provider "aws" {
  region = "us-west-2"
}

module "etl_role" {
  source = "./modules/service-role"

  name    = "etl-runner"
  service = "glue.amazonaws.com"
  tags = {
    project     = "etl"
    cost-center = "4410"
  }
}
