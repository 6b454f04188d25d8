resource "kubernetes_role" "vault_sync" {
  metadata {
    name      = "vault-secret-sync"
    namespace = "payments"
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list", "watch", "create", "update", "patch"]
  }

  rule {
    api_groups = ["coordination.k8s.io"]
    resources  = ["leases"]
    verbs      = ["get", "create", "update"]
  }
}

resource "kubernetes_role_binding" "vault_sync" {
  metadata {
    name      = "vault-secret-sync"
    namespace = "payments"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.vault_sync.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "vault-secret-sync"
    namespace = "payments"
  }
}
