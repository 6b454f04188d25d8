data "aws_iam_policy_document" "backup" {
  statement {
    effect  = "Allow"
    actions = ["s3:*"]
    resources = [
      "arn:aws:s3:::acme-backups",
      "arn:aws:s3:::acme-backups/*",
    ]
  }
}

resource "aws_iam_role_policy" "backup" {
  name   = "backup"
  role   = "backup-agent"
  policy = data.aws_iam_policy_document.backup.json
}
