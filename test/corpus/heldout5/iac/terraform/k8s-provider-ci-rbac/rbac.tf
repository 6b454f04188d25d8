resource "kubernetes_namespace" "ci" {
  metadata {
    name = "ci"
  }
}

resource "kubernetes_service_account" "argo_deployer" {
  metadata {
    name      = "argo-deployer"
    namespace = kubernetes_namespace.ci.metadata[0].name
    labels = {
      "app.kubernetes.io/name" = "argo-deployer"
      team                     = "delivery"
    }
  }
}

resource "kubernetes_cluster_role" "deployer" {
  metadata {
    name = "argo-deployer"
  }

  rule {
    api_groups = ["apps"]
    resources  = ["deployments", "statefulsets"]
    verbs      = ["get", "list", "watch", "patch", "update"]
  }

  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_cluster_role_binding" "deployer" {
  metadata {
    name = "argo-deployer"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.deployer.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.argo_deployer.metadata[0].name
    namespace = kubernetes_namespace.ci.metadata[0].name
  }
}
