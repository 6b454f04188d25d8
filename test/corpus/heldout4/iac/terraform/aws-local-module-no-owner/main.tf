locals {
  environment = "staging"
}

module "checkout_task_role" {
  source = "./modules/service-role"

  service_name = "checkout"
  environment  = local.environment
  table_arns   = [aws_dynamodb_table.carts.arn]

  tags = {
    Environment = local.environment
    Project     = "storefront"
  }
}

resource "aws_dynamodb_table" "carts" {
  name         = "carts-${local.environment}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "cart_id"

  attribute {
    name = "cart_id"
    type = "S"
  }
}
