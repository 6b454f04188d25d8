resource "kubernetes_cluster_role_binding" "oncall_admin" {
  metadata {
    name = "oncall-cluster-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "Group"
    name      = "oncall"
    api_group = "rbac.authorization.k8s.io"
  }
}
