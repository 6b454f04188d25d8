data "aws_iam_policy_document" "orchestrator" {
  statement {
    sid       = "StartJobs"
    actions   = ["glue:StartJobRun", "glue:GetJobRun"]
    resources = ["arn:aws:glue:eu-west-1:${var.account_id}:job/ingest-*"]
  }

  statement {
    sid       = "PassAnyRole"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "orchestrator" {
  name   = "orchestrator"
  policy = data.aws_iam_policy_document.orchestrator.json
}
