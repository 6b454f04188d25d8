variable "extra_statements" {
  type = list(object({
    actions   = list(string)
    resources = list(string)
  }))
  default = []
}

data "aws_iam_policy_document" "runner" {
  dynamic "statement" {
    for_each = var.extra_statements
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }

  statement {
    sid       = "Fleet"
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "runner" {
  name   = "fleet-runner"
  policy = data.aws_iam_policy_document.runner.json
}
