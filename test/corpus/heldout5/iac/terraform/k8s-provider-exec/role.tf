resource "kubernetes_cluster_role" "debugger" {
  metadata {
    name = "support-debugger"
    labels = {
      "rbac.acme.io/aggregate-to-support" = "true"
    }
  }

  rule {
    api_groups = [""]
    resources  = ["pods", "pods/log"]
    verbs      = ["get", "list", "watch"]
  }

  rule {
    api_groups = [""]
    resources  = ["pods/exec"]
    verbs      = ["create"]
  }
}
