resource "azuread_application" "sftp_bridge" {
  display_name = "sftp-bridge"
  owners       = [var.owner_object_id]
}

resource "azuread_application_certificate" "sftp_bridge" {
  application_id = azuread_application.sftp_bridge.id
  type           = "AsymmetricX509Cert"
  value          = file("${path.module}/certs/sftp-bridge.pem")
  end_date       = "2031-06-30T00:00:00Z"
}
