provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      Owner       = "observability"
      ManagedBy   = "terraform"
      Environment = var.environment
    }
  }
}

resource "aws_iam_role" "grafana" {
  name = "grafana-cloudwatch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "grafana" {
  role       = aws_iam_role.grafana.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"
}

resource "aws_iam_instance_profile" "grafana" {
  name = "grafana-cloudwatch"
  role = aws_iam_role.grafana.name
}
