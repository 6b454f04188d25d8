resource "kubernetes_service_account_v1" "ops_bot" {
  metadata {
    name      = "ops-bot"
    namespace = "tools"
    labels = {
      owner = "sre"
    }
  }
}

resource "kubernetes_cluster_role_binding_v1" "ops_bot_admin" {
  metadata {
    name = "ops-bot-cluster-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.ops_bot.metadata[0].name
    namespace = "tools"
  }
}

resource "kubernetes_cluster_role_binding_v1" "ops_bot_view" {
  metadata {
    name = "ops-bot-view"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "ops-bot"
    namespace = "tools"
  }
}
