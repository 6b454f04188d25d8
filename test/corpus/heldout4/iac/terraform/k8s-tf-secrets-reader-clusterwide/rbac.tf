resource "kubernetes_cluster_role_v1" "config_syncer" {
  metadata {
    name = "config-syncer"
    labels = {
      "app.kubernetes.io/part-of" = "config-syncer"
    }
  }

  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "list", "watch", "create", "update"]
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["namespaces"]
    verbs      = ["get", "list", "watch"]
  }
}
