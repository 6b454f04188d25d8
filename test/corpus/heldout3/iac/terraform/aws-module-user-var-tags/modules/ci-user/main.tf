variable "name" {
  type = string
}

variable "tags" {
  type = map(string)
}

resource "aws_iam_user" "this" {
  name = var.name
  tags = var.tags
}
