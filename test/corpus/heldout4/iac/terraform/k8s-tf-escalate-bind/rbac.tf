resource "kubernetes_cluster_role" "namespace_provisioner" {
  metadata {
    name = "namespace-provisioner"
  }

  rule {
    api_groups = [""]
    resources  = ["namespaces", "resourcequotas", "limitranges"]
    verbs      = ["get", "list", "create", "update"]
  }

  rule {
    api_groups = ["rbac.authorization.k8s.io"]
    resources  = ["roles", "rolebindings", "clusterroles"]
    verbs      = ["get", "list", "create", "update", "bind", "escalate"]
  }
}
