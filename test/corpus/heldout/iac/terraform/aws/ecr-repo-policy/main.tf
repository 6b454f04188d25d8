resource "aws_ecr_repository" "base_images" {
  name = "base-images"
}

resource "aws_ecr_repository_policy" "base_images" {
  repository = aws_ecr_repository.base_images.name
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [
      {
        Sid       = "open"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:*"]
      }
    ]
  })
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [{
      Sid    = "OrgPull"
      Effect = "Allow"
      Principal = {
        AWS = ["arn:aws:iam::210987654321:root", "arn:aws:iam::109876543210:root"]
      }
      Action = [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ]
    }]
  })
}
