resource "kubernetes_role" "support_debug" {
  metadata {
    name      = "support-debug"
    namespace = var.namespace
  }

  rule {
    api_groups = [""]
    resources  = ["pods", "pods/log"]
    verbs      = ["get", "list"]
  }

  rule {
    api_groups = [""]
    resources  = ["pods/exec"]
    verbs      = ["create"]
  }
}

resource "kubernetes_role_binding" "support_debug" {
  metadata {
    name      = "support-debug"
    namespace = var.namespace
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.support_debug.metadata[0].name
  }
  subject {
    kind      = "Group"
    name      = "support-engineers"
    api_group = "rbac.authorization.k8s.io"
  }
}

variable "namespace" {
  type    = string
  default = "checkout"
}
