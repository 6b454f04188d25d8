resource "aws_iam_role_policy" "sessions" {
  name = "sessions-table"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
        ]
        Resource = "*"
      }
    ]
  })
}

resource "aws_iam_role" "api" {
  name               = "sessions-api"
  assume_role_policy = file("${path.module}/trust/lambda.json")
  tags = {
    owner = "identity"
  }
}
