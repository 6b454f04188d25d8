resource "aws_ssoadmin_permission_set" "data_eng" {
  name         = "DataEngineering"
  instance_arn = var.sso_instance_arn
}

data "aws_iam_policy_document" "data_eng" {
  statement {
    sid       = "Athena"
    actions   = ["athena:StartQueryExecution", "athena:GetQueryResults", "athena:GetQueryExecution"]
    resources = ["arn:aws:athena:*:${var.account_id}:workgroup/analysts"]
  }
  statement {
    sid       = "Glue"
    actions   = ["glue:*"]
    resources = ["*"]
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "data_eng" {
  inline_policy      = data.aws_iam_policy_document.data_eng.json
  instance_arn       = var.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data_eng.arn
}
