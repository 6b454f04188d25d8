resource "kubernetes_service_account_v1" "gitops" {
  metadata {
    name      = "gitops-agent"
    namespace = "gitops"
    labels = {
      owner = "platform"
    }
  }
}

resource "kubernetes_cluster_role_v1" "gitops" {
  metadata {
    name = "gitops-agent"
  }

  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_cluster_role_binding_v1" "gitops" {
  metadata {
    name = "gitops-agent"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role_v1.gitops.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.gitops.metadata[0].name
    namespace = "gitops"
  }
}
