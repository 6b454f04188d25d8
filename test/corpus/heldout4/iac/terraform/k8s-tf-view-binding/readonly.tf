resource "kubernetes_cluster_role_binding_v1" "developers_view" {
  metadata {
    name = "developers-view"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }

  subject {
    kind      = "Group"
    name      = "oidc:developers"
    api_group = "rbac.authorization.k8s.io"
  }
}
