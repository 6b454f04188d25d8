resource "kubernetes_service_account_v1" "ci" {
  metadata {
    name      = "ci-deployer"
    namespace = "ci"
    labels = {
      owner = "release-eng"
    }
  }
}

resource "kubernetes_secret_v1" "ci_token" {
  metadata {
    name      = "ci-deployer-token"
    namespace = "ci"
    annotations = {
      "kubernetes.io/service-account.name" = kubernetes_service_account_v1.ci.metadata[0].name
    }
  }
  type                           = "kubernetes.io/service-account-token"
  wait_for_service_account_token = true
}
