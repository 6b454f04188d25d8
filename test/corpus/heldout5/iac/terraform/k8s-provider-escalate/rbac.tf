resource "kubernetes_cluster_role" "rbac_manager" {
  metadata {
    name = "tenant-rbac-manager"
  }

  rule {
    api_groups = ["rbac.authorization.k8s.io"]
    resources  = ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]
    verbs      = ["get", "list", "create", "update", "bind", "escalate"]
  }
}
