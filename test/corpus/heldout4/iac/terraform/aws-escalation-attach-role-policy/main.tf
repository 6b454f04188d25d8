resource "aws_iam_role" "provisioner" {
  name               = "account-vending-provisioner"
  assume_role_policy = file("${path.module}/trust/stepfunctions.json")

  tags = {
    Owner      = "cloud-foundations"
    CostCenter = "cc-4410"
  }
}

resource "aws_iam_role_policy" "provisioner" {
  name = "provisioner"
  role = aws_iam_role.provisioner.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "WriteLogs",
          "Effect": "Allow",
          "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
          "Resource": "arn:aws:logs:*:*:log-group:/aws/vendedlogs/states/account-vending*"
        },
        {
          "Sid": "ManageRoles",
          "Effect": "Allow",
          "Action": [
            "iam:CreateRole",
            "iam:AttachRolePolicy",
            "iam:PutRolePolicy",
            "iam:TagRole"
          ],
          "Resource": "*"
        }
      ]
    }
  EOT
}
