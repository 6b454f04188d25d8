resource "aws_iam_role" "glue" {
  name               = "glue-orders-etl"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "sts:AssumeRole",
      "Principal": {
        "Service": "glue.amazonaws.com"
      },
      "Effect": "Allow"
    }
  ]
}
EOF
  tags = {
    Owner = "data-eng"
  }
}

resource "aws_iam_role_policy" "glue" {
  name = "glue-orders-etl"
  role = aws_iam_role.glue.id

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadRaw",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": [
        "arn:aws:s3:::acme-orders-raw",
        "arn:aws:s3:::acme-orders-raw/*"
      ]
    },
    {
      "Sid": "WriteCurated",
      "Effect": "Allow",
      "Action": ["s3:PutObject", "s3:DeleteObject"],
      "Resource": "arn:aws:s3:::acme-orders-curated/*"
    },
    {
      "Sid": "Catalog",
      "Effect": "Allow",
      "Action": "glue:*",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_glue_job" "orders" {
  name     = "orders-etl"
  role_arn = aws_iam_role.glue.arn

  command {
    script_location = "s3://acme-glue-scripts/orders_etl.py"
    python_version  = "3"
  }
}
