resource "aws_iam_role" "uploader" {
  name               = "media-uploader"
  assume_role_policy = data.aws_iam_policy_document.ec2.json
  tags = {
    owner = "media"
  }
}

data "aws_iam_policy_document" "ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "uploader" {
  statement {
    actions = ["s3:*"]
    resources = [
      "arn:aws:s3:::acme-media-originals",
      "arn:aws:s3:::acme-media-originals/*",
    ]
  }
}

resource "aws_iam_role_policy" "uploader" {
  role   = aws_iam_role.uploader.name
  policy = data.aws_iam_policy_document.uploader.json
}
