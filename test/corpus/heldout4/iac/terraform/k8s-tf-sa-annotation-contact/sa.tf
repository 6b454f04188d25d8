resource "kubernetes_service_account_v1" "cert_manager_webhook" {
  metadata {
    name      = "cert-manager-webhook"
    namespace = "cert-manager"
    annotations = {
      "acme.io/contact"            = "#team-edge"
      "eks.amazonaws.com/role-arn" = var.cert_manager_role_arn
    }
  }
  automount_service_account_token = false
}

variable "cert_manager_role_arn" {
  type = string
}
