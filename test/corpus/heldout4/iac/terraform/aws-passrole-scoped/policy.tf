data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "RunReportTasks"
    effect    = "Allow"
    actions   = ["ecs:RunTask"]
    resources = [aws_ecs_task_definition.report.arn_without_revision]
  }

  statement {
    sid     = "PassTaskRoles"
    effect  = "Allow"
    actions = ["iam:PassRole"]
    resources = [
      aws_iam_role.report_task.arn,
      aws_iam_role.report_execution.arn,
    ]

    condition {
      test     = "StringLike"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "scheduler" {
  name   = "report-scheduler"
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_iam_role" "scheduler" {
  name = "report-scheduler"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })
  managed_policy_arns = [aws_iam_policy.scheduler.arn]
  tags = {
    owner = "data-reporting"
  }
}

data "aws_caller_identity" "current" {}
