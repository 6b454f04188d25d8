locals {
  tags = {
    project     = "checkout"
    environment = "staging"
  }
}

resource "aws_iam_role" "checkout" {
  name = "checkout-staging"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  tags = merge(local.tags, { Name = "checkout-staging" })
}
