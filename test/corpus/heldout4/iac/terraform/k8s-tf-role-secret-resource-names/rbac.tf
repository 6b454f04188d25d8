resource "kubernetes_role_v1" "ingress_cert_reader" {
  metadata {
    name      = "ingress-cert-reader"
    namespace = "edge"
  }

  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["wildcard-acme-io-tls"]
    verbs          = ["get", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["configmaps", "endpoints"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role_binding_v1" "ingress_cert_reader" {
  metadata {
    name      = "ingress-cert-reader"
    namespace = "edge"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.ingress_cert_reader.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "edge-proxy"
    namespace = "edge"
  }
}
