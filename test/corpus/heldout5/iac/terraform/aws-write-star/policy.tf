resource "aws_iam_policy" "cleanup" {
  name        = "ami-cleanup"
  description = "Nightly job that deregisters old AMIs and deletes their snapshots"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Read"
        Effect   = "Allow"
        Action   = ["ec2:DescribeImages", "ec2:DescribeSnapshots"]
        Resource = "*"
      },
      {
        Sid    = "Delete"
        Effect = "Allow"
        Action = [
          "ec2:DeregisterImage",
          "ec2:DeleteSnapshot",
          "ec2:TerminateInstances",
        ]
        Resource = "*"
      }
    ]
  })
}
