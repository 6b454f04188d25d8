terraform {
  required_version = ">= 1.5"
}

data "aws_iam_policy_document" "inventory_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "inventory" {
  name               = "ec2-inventory-collector"
  assume_role_policy = data.aws_iam_policy_document.inventory_assume.json
  tags = merge(var.tags, {
    Owner = "cloud-ops"
  })
}

data "aws_iam_policy_document" "inventory" {
  statement {
    sid = "DescribeFleet"
    actions = [
      "ec2:Describe*",
      "autoscaling:Describe*",
      "elasticloadbalancing:Describe*",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "WriteReport"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-inventory-reports/ec2/*"]
  }

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:${var.region}:${var.account_id}:log-group:/aws/lambda/ec2-inventory-collector:*"]
  }
}

resource "aws_iam_role_policy" "inventory" {
  role   = aws_iam_role.inventory.id
  policy = data.aws_iam_policy_document.inventory.json
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "region" { type = string }
variable "account_id" { type = string }
