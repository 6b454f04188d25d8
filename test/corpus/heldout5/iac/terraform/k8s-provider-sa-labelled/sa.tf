resource "kubernetes_service_account_v1" "fluent_bit" {
  metadata {
    name      = "fluent-bit"
    namespace = "logging"
    labels = {
      "app.kubernetes.io/name" = "fluent-bit"
      maintainer               = "observability"
    }
  }
  automount_service_account_token = true
}

resource "kubernetes_cluster_role_v1" "fluent_bit" {
  metadata {
    name = "fluent-bit-read"
  }
  rule {
    api_groups = [""]
    resources  = ["namespaces", "pods"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_cluster_role_binding_v1" "fluent_bit" {
  metadata {
    name = "fluent-bit-read"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role_v1.fluent_bit.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.fluent_bit.metadata[0].name
    namespace = "logging"
  }
}
