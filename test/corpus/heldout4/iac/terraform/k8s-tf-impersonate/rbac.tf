resource "kubernetes_cluster_role" "gateway_impersonator" {
  metadata {
    name = "kube-oidc-proxy"
  }

  rule {
    api_groups = [""]
    resources  = ["users", "groups", "serviceaccounts"]
    verbs      = ["impersonate"]
  }

  rule {
    api_groups = ["authentication.k8s.io"]
    resources  = ["userextras/scopes", "userextras/remote-client-ip"]
    verbs      = ["impersonate"]
  }
}
