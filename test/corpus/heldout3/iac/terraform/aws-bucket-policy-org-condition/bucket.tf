data "aws_iam_policy_document" "shared_artifacts" {
  statement {
    sid     = "OrgRead"
    actions = ["s3:GetObject", "s3:ListBucket"]
    resources = [
      "arn:aws:s3:::acme-shared-artifacts",
      "arn:aws:s3:::acme-shared-artifacts/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

resource "aws_s3_bucket_policy" "shared_artifacts" {
  bucket = "acme-shared-artifacts"
  policy = data.aws_iam_policy_document.shared_artifacts.json
}
