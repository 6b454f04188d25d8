provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "prod-eks"
}

resource "kubernetes_service_account_v1" "tiller" {
  metadata {
    name      = "tiller"
    namespace = "kube-system"
    labels = {
      owner = "platform"
    }
  }
}

resource "kubernetes_cluster_role_binding_v1" "tiller" {
  metadata {
    name = "tiller"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }

  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account_v1.tiller.metadata[0].name
    namespace = "kube-system"
  }
}
