module "ci_user" {
  source = "./modules/ci-user"
  name   = "artifact-uploader"
  tags = {
    owner = "devex"
  }
}
