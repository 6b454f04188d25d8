module "reporting_role" {
  source = "../aws-local-module-caller-no-owner/modules/service-role"

  name    = "reporting"
  service = "ecs-tasks.amazonaws.com"
  tags = {
    owner   = "bi-team"
    project = "reporting"
  }
}
