variable "service_users" {
  type    = list(string)
  default = ["sftp-ingest", "legacy-reporting"]
}

resource "aws_iam_user" "service" {
  count = length(var.service_users)
  name  = var.service_users[count.index]
  path  = "/service/"
  tags = {
    Owner = "integration-team"
  }
}

resource "aws_iam_access_key" "service" {
  count = length(var.service_users)
  user  = aws_iam_user.service[count.index].name
}
