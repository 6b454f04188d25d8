resource "kubernetes_service_account" "reloader" {
  metadata {
    name      = "config-reloader"
    namespace = "apps"
    labels = {
      owner = "sre"
    }
  }
}

resource "kubernetes_role" "reloader" {
  metadata {
    name      = "config-reloader"
    namespace = "apps"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role_binding" "reloader" {
  metadata {
    name      = "config-reloader"
    namespace = "apps"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.reloader.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.reloader.metadata[0].name
    namespace = "apps"
  }
}
