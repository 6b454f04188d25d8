import * as k8s from "@pulumi/kubernetes";

const ns = new k8s.core.v1.Namespace("argocd", { metadata: { name: "argocd" } });

const sa = new k8s.core.v1.ServiceAccount("argocd-manager", {
    metadata: {
        name: "argocd-manager",
        namespace: ns.metadata.name,
        labels: { team: "gitops" },
    },
});

new k8s.rbac.v1.ClusterRoleBinding("argocd-manager-admin", {
    metadata: { name: "argocd-manager-role-binding" },
    roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
    },
    subjects: [{
        kind: "ServiceAccount",
        name: "argocd-manager",
        namespace: "argocd",
    }],
});

export const serviceAccount = sa.metadata.name;
