variable "name" {
  type = string
}

variable "service" {
  type        = string
  description = "AWS service principal allowed to assume the role, e.g. ecs-tasks.amazonaws.com"
}

variable "policy_json" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = var.service }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  role   = aws_iam_role.this.id
  policy = var.policy_json
}

output "arn" {
  value = aws_iam_role.this.arn
}
