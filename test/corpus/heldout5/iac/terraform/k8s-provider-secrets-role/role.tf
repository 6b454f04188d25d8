resource "kubernetes_role" "cert_reader" {
  metadata {
    name      = "cert-reader"
    namespace = "ingress"
  }

  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["wildcard-tls", "api-tls"]
    verbs          = ["get"]
  }
}

resource "kubernetes_role" "config_sync" {
  metadata {
    name      = "config-sync"
    namespace = "payments"
  }

  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "list", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list", "watch"]
  }
}
