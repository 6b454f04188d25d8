variable "services" {
  type = map(object({
    principal = string
    policies  = list(string)
  }))
  default = {
    scheduler = { principal = "scheduler.amazonaws.com", policies = [] }
    pipes     = { principal = "pipes.amazonaws.com", policies = [] }
  }
}

resource "aws_iam_role" "service" {
  for_each = var.services

  name = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = each.value.principal }
    }]
  })

  tags = {
    Name = "svc-${each.key}"
  }
}
