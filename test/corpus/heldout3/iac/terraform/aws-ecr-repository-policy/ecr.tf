resource "aws_ecr_repository" "base_images" {
  name                 = "base-images"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "base_images" {
  repository = aws_ecr_repository.base_images.name
  policy     = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "shared",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "ecr:*"
    }
  ]
}
EOF
}
