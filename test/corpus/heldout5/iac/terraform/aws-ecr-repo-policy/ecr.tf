resource "aws_ecr_repository" "base_images" {
  name                 = "base-images"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository_policy" "base_images" {
  repository = aws_ecr_repository.base_images.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgPull"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ]
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = var.org_id }
        }
      },
      {
        Sid       = "AnyoneManage"
        Effect    = "Allow"
        Principal = "*"
        Action    = "ecr:*"
      }
    ]
  })
}
