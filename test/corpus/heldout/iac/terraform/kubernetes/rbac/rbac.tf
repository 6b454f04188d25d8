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

resource "kubernetes_cluster_role" "operator" {
  metadata {
    name = "acme-operator"
  }

  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_role" "app_secrets" {
  metadata {
    name      = "app-secret-reader"
    namespace = "payments"
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list", "watch"]
  }
}

resource "kubernetes_role" "config_reader" {
  metadata {
    name      = "config-reader"
    namespace = "payments"
  }
  rule {
    api_groups = [""]
    resources  = ["configmaps"]
    verbs      = ["get", "list", "watch"]
  }
  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["payments-tls"]
    verbs          = ["get"]
  }
}

resource "kubernetes_role_binding" "config_reader" {
  metadata {
    name      = "config-reader"
    namespace = "payments"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.config_reader.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "payments-api"
    namespace = "payments"
  }
}
