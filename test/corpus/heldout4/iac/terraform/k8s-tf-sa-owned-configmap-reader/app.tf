resource "kubernetes_service_account" "feature_flags" {
  metadata {
    name      = "feature-flags"
    namespace = "storefront"
    labels = {
      "app.kubernetes.io/name" = "feature-flags"
      "maintainer"             = "storefront-team"
    }
  }
}

resource "kubernetes_role" "feature_flags" {
  metadata {
    name      = "feature-flags-reader"
    namespace = "storefront"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role_binding" "feature_flags" {
  metadata {
    name      = "feature-flags-reader"
    namespace = "storefront"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.feature_flags.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.feature_flags.metadata[0].name
    namespace = "storefront"
  }
}
