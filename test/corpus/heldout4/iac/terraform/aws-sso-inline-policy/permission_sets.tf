data "aws_ssoadmin_instances" "main" {}

resource "aws_ssoadmin_permission_set" "data_engineer" {
  name             = "DataEngineer"
  instance_arn     = tolist(data.aws_ssoadmin_instances.main.arns)[0]
  session_duration = "PT12H"
}

data "aws_iam_policy_document" "data_engineer" {
  statement {
    sid = "DataServices"
    actions = [
      "s3:*",
      "glue:*",
      "athena:*",
    ]
    resources = ["*"]
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "data_engineer" {
  inline_policy      = data.aws_iam_policy_document.data_engineer.json
  instance_arn       = aws_ssoadmin_permission_set.data_engineer.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.data_engineer.arn
}
