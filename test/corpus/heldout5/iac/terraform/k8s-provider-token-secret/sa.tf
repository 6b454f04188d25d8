resource "kubernetes_service_account" "grafana_agent" {
  metadata {
    name      = "grafana-agent"
    namespace = "monitoring"
  }
}

resource "kubernetes_secret" "grafana_agent_token" {
  metadata {
    name      = "grafana-agent-token"
    namespace = "monitoring"
    annotations = {
      "kubernetes.io/service-account.name" = kubernetes_service_account.grafana_agent.metadata[0].name
    }
  }

  type = "kubernetes.io/service-account-token"
}
