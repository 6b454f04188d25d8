resource "kubernetes_role_binding" "jobs_edit" {
  metadata {
    name      = "jobs-edit"
    namespace = "batch"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "batch"
  }
}
