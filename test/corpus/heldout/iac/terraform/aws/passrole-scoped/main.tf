resource "aws_iam_policy" "sagemaker_launcher" {
  name = "sagemaker-launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PassExecutionRole"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = aws_iam_role.sagemaker_execution.arn
        Condition = {
          StringEquals = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      },
      {
        Sid    = "Training"
        Effect = "Allow"
        Action = [
          "sagemaker:CreateTrainingJob",
          "sagemaker:DescribeTrainingJob",
          "sagemaker:StopTrainingJob",
        ]
        Resource = "arn:aws:sagemaker:${var.region}:${var.account_id}:training-job/ml-*"
      },
    ]
  })
}
