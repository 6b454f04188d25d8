locals {
  bucket_arn = "arn:aws:s3:::acme-app-assets-${var.environment}"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "web" {
  name               = "web-task-${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags = {
    owner = "web-platform"
  }
}

data "aws_iam_policy_document" "read_assets" {
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["public/*", "templates/*"]
    }
  }

  statement {
    sid       = "ReadObjects"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.bucket_arn}/*"]
  }
}

resource "aws_iam_role_policy" "read_assets" {
  name   = "read-assets"
  role   = aws_iam_role.web.id
  policy = data.aws_iam_policy_document.read_assets.json
}

variable "environment" {
  type = string
}
