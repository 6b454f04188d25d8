data "azuread_application" "sftp_gateway" {
  display_name = "sftp-gateway"
}

resource "azuread_application_certificate" "sftp_gateway" {
  application_id = data.azuread_application.sftp_gateway.id
  type           = "AsymmetricX509Cert"
  value          = file("${path.module}/certs/sftp-gateway.pem")
  end_date       = "2028-01-01T00:00:00Z"
}
