module "billing_worker_role" {
  source  = "../../modules/service-role"
  name    = "billing-worker-staging"
  service = "ecs-tasks.amazonaws.com"
  policy_json = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      Resource = "arn:aws:sqs:us-east-1:123456789012:billing-jobs-staging"
    }]
  })
  tags = {
    environment = "staging"
  }
}
