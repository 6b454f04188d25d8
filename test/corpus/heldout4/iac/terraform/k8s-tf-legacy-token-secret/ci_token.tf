resource "kubernetes_service_account" "gitlab_deployer" {
  metadata {
    name      = "gitlab-deployer"
    namespace = "ci"
    labels = {
      "acme.io/owner" = "devex"
    }
  }
}

# Long-lived token for the GitLab Kubernetes integration.
resource "kubernetes_secret" "gitlab_deployer_token" {
  metadata {
    name      = "gitlab-deployer-token"
    namespace = "ci"
    annotations = {
      "kubernetes.io/service-account.name" = kubernetes_service_account.gitlab_deployer.metadata[0].name
    }
  }

  type                           = "kubernetes.io/service-account-token"
  wait_for_service_account_token = true
}

resource "kubernetes_role_binding" "gitlab_deployer_edit" {
  metadata {
    name      = "gitlab-deployer-edit"
    namespace = "apps"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.gitlab_deployer.metadata[0].name
    namespace = "ci"
  }
}
