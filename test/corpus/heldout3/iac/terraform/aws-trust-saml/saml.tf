resource "aws_iam_saml_provider" "okta" {
  name                   = "okta"
  saml_metadata_document = file("${path.module}/okta-metadata.xml")
}

resource "aws_iam_role" "okta_readonly" {
  name = "okta-readonly"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRoleWithSAML", "sts:TagSession"]
      Principal = { Federated = aws_iam_saml_provider.okta.arn }
      Condition = {
        StringEquals = {
          "SAML:aud" = "https://signin.aws.amazon.com/saml"
        }
      }
    }]
  })
  tags = {
    owner = "it-identity"
  }
}

resource "aws_iam_role_policy_attachment" "okta_readonly" {
  role       = aws_iam_role.okta_readonly.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
