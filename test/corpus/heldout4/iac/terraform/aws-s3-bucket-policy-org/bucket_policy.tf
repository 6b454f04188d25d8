variable "organization_id" {
  type        = string
  description = "AWS Organizations id (o-xxxxxxxxxx) allowed to read the shared AMI artefacts"
}

resource "aws_s3_bucket" "shared_artifacts" {
  bucket = "acme-org-shared-artifacts"
}

data "aws_iam_policy_document" "shared_artifacts" {
  statement {
    sid       = "OrgRead"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.shared_artifacts.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.organization_id]
    }
  }

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.shared_artifacts.arn, "${aws_s3_bucket.shared_artifacts.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "shared_artifacts" {
  bucket = aws_s3_bucket.shared_artifacts.id
  policy = data.aws_iam_policy_document.shared_artifacts.json
}
