resource "aws_iam_role" "indexer" {
  name = "search-indexer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "indexer" {
  role = aws_iam_role.indexer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["es:ESHttpPost", "es:ESHttpPut"]
      Resource = [
        "arn:aws:es:eu-central-1:123456789012:domain/catalog/*",
      ]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "indexer_logs" {
  role       = aws_iam_role.indexer.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
