resource "kubernetes_service_account" "argo_workflows" {
  metadata {
    name      = "argo-workflow-runner"
    namespace = "argo"
    labels = {
      "app.kubernetes.io/name" = "argo-workflows"
      team                     = "ml-platform"
    }
  }
}

resource "kubernetes_cluster_role" "argo_runner" {
  metadata {
    name = "argo-workflow-runner"
  }

  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_cluster_role_binding" "argo_runner" {
  metadata {
    name = "argo-workflow-runner"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.argo_runner.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.argo_workflows.metadata[0].name
    namespace = "argo"
  }
}
