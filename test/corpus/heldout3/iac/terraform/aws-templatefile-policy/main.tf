resource "aws_iam_role" "backup" {
  name = "nightly-backup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }]
  })
  tags = { owner = "dba" }
}

resource "aws_iam_role_policy" "backup" {
  name = "backup"
  role = aws_iam_role.backup.id
  policy = templatefile("${path.module}/policies/backup.json", {
    bucket = "acme-db-backups"
  })
}
