locals {
  common_tags = {
    Owner       = "data-platform"
    Project     = "lakehouse"
    Environment = var.env
  }
}

resource "aws_iam_role" "glue" {
  name               = "lakehouse-glue-${var.env}"
  assume_role_policy = data.aws_iam_policy_document.glue_assume.json
  tags = merge(local.common_tags, {
    Name = "lakehouse-glue-${var.env}"
  })
}

resource "aws_iam_role" "crawler" {
  name               = "lakehouse-crawler-${var.env}"
  assume_role_policy = data.aws_iam_policy_document.glue_assume.json
  tags = {
    Name        = "lakehouse-crawler-${var.env}"
    Environment = var.env
  }
}

data "aws_iam_policy_document" "glue_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "glue_service" {
  for_each   = toset([aws_iam_role.glue.name, aws_iam_role.crawler.name])
  role       = each.value
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"
}
