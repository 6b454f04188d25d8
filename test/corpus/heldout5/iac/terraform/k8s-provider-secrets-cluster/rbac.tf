resource "kubernetes_cluster_role_v1" "external_secrets_reader" {
  metadata {
    name = "secrets-sync-reader"
  }

  rule {
    api_groups = [""]
    resources  = ["namespaces"]
    verbs      = ["get", "list"]
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list", "watch"]
  }
}
