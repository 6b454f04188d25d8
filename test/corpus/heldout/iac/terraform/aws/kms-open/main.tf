resource "aws_kms_key" "shared" {
  description = "shared key for cross-team snapshots"

  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Admins",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:role/KeyAdmins"},
      "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
      "Resource": "*"
    },
    {
      "Sid": "Everyone",
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      "Resource": "*"
    }
  ]
}
JSON
}
