locals {
  services = {
    api       = { port = 8080, queue = "api-events" }
    scheduler = { port = 9090, queue = "scheduled-jobs" }
    notifier  = { port = 7070, queue = "notifications" }
  }
}

resource "aws_iam_role" "service" {
  for_each = local.services

  name = "svc-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = {
    Service   = each.key
    ManagedBy = "terraform"
  }
}

resource "aws_iam_role_policy" "service_queue" {
  for_each = local.services

  name = "queue-access"
  role = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]
      Resource = "arn:aws:sqs:${var.region}:${var.account_id}:${each.value.queue}"
    }]
  })
}

variable "region" { type = string }
variable "account_id" { type = string }
