resource "aws_iam_role" "hub" {
  name = "deployment-hub"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
  tags = { owner = "release-eng" }
}

resource "aws_iam_role_policy" "hub" {
  role = aws_iam_role.hub.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      Resource = [
        "arn:aws:iam::111111111111:role/deploy/spoke-deployer",
        "arn:aws:iam::222222222222:role/deploy/spoke-deployer",
      ]
    }]
  })
}
