/**
 * Kubernetes RBAC written as manifests (Role, ClusterRole, bindings, List) and with Terraform's
 * kubernetes provider, plus workloads that mount ServiceAccount tokens.
 */
import { iacDocument, negative, positive, region, type IacDocument, type IacLabel } from './labels';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}
interface RuleCase {
  name: string;
  rule: Rule;
  /** Checks expected in a namespaced Role; absent: a negative there. */
  role?: string[];
  /** Checks expected in a ClusterRole; absent: a negative there. */
  cluster?: string[];
}

const WILDCARD = ['k8s-rbac-wildcard'];
const ESCALATION = ['k8s-rbac-escalation-verb'];
const EXEC = ['k8s-rbac-exec-or-proxy'];
const SECRETS_CLUSTER = ['k8s-rbac-cluster-secrets-read'];
const SECRETS_NS = ['k8s-rbac-secrets-read'];
const both = (checks: string[]) => ({ role: checks, cluster: checks });

export const RULE_CASES: RuleCase[] = [
  { name: '* * *', rule: { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, ...both(WILDCARD) },
  {
    name: 'all resources of the core group',
    rule: { apiGroups: [''], resources: ['*'], verbs: ['get', 'list', 'watch'] },
    ...both(WILDCARD),
  },
  { name: 'every verb on deployments', rule: { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }, ...both(WILDCARD) },
  { name: 'every group, pods', rule: { apiGroups: ['*'], resources: ['pods'], verbs: ['get', 'delete'] }, ...both(WILDCARD) },
  { name: 'all verbs on all resources of apps', rule: { apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }, ...both(WILDCARD) },
  {
    name: 'escalate on roles',
    rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate', 'get'] },
    ...both(ESCALATION),
  },
  {
    name: 'bind on rolebindings',
    rule: { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['bind', 'create'] },
    ...both(ESCALATION),
  },
  {
    name: 'impersonate users',
    rule: { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
    ...both(ESCALATION),
  },
  { name: 'pods/exec create', rule: { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['get', 'create'] }, ...both(EXEC) },
  { name: 'pods/attach', rule: { apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }, ...both(EXEC) },
  { name: 'nodes/proxy get', rule: { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }, cluster: EXEC },
  { name: 'create on pods/*', rule: { apiGroups: [''], resources: ['pods/*'], verbs: ['create', 'get'] }, ...both(EXEC) },
  {
    name: 'secrets get list watch',
    rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
    role: SECRETS_NS,
    cluster: SECRETS_CLUSTER,
  },
  {
    name: 'secrets list only',
    rule: { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['list'] },
    role: SECRETS_NS,
    cluster: SECRETS_CLUSTER,
  },
  {
    name: 'serviceaccounts/token create',
    rule: { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    ...both(ESCALATION),
  },
  // Negatives.
  {
    name: 'read-only workloads',
    rule: { apiGroups: ['', 'apps'], resources: ['pods', 'deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
  },
  { name: 'pods/log', rule: { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] } },
  { name: 'configmaps read', rule: { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] } },
  { name: 'one named secret', rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['app-tls'] } },
  { name: 'create secrets only', rule: { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'patch'] } },
  { name: 'events create', rule: { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] } },
  {
    name: 'leases for leader election',
    rule: { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  },
  { name: 'pods/status update', rule: { apiGroups: [''], resources: ['pods/status'], verbs: ['update', 'patch'] } },
  {
    name: 'own CRDs all verbs listed',
    rule: {
      apiGroups: ['acme.io'],
      resources: ['widgets', 'widgets/status'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
  },
  { name: 'metrics read', rule: { apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list'] } },
  { name: 'pods/portforward is not exec', rule: { apiGroups: [''], resources: ['pods/log', 'pods/status'], verbs: ['get', 'list'] } },
];

const list = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
function ruleYaml(rule: Rule, indent: string, flow: boolean): string {
  if (flow) {
    const lines = [`${indent}- apiGroups: ${list(rule.apiGroups)}`, `${indent}  resources: ${list(rule.resources)}`];
    if (rule.resourceNames) lines.push(`${indent}  resourceNames: ${list(rule.resourceNames)}`);
    lines.push(`${indent}  verbs: ${list(rule.verbs)}`);
    return lines.join('\n');
  }
  const block = (key: string, xs: string[]) => [`${indent}  ${key}:`, ...xs.map((x) => `${indent}    - ${JSON.stringify(x)}`)];
  return [
    `${indent}- apiGroups:`,
    ...rule.apiGroups.map((g) => `${indent}    - ${JSON.stringify(g)}`),
    ...block('resources', rule.resources),
    ...(rule.resourceNames ? block('resourceNames', rule.resourceNames) : []),
    ...block('verbs', rule.verbs),
  ].join('\n');
}

const BENIGN_RULE: Rule = { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] };

function ruleLabel(c: RuleCase, cluster: boolean, form: string): IacLabel {
  const checks = cluster ? c.cluster : c.role;
  return checks ? positive(checks, 'k8s-rbac', form, c.name) : negative('k8s-rbac', form, c.name);
}

function tfRule(rule: Rule, indent: string): string {
  return [
    `${indent}rule {`,
    `${indent}  api_groups = ${list(rule.apiGroups)}`,
    `${indent}  resources  = ${list(rule.resources)}`,
    ...(rule.resourceNames ? [`${indent}  resource_names = ${list(rule.resourceNames)}`] : []),
    `${indent}  verbs      = ${list(rule.verbs)}`,
    `${indent}}`,
  ].join('\n');
}

function rbacDocuments(): IacDocument[] {
  const docs: IacDocument[] = [];
  RULE_CASES.forEach((c, i) => {
    docs.push(
      iacDocument(
        `k8s/base/role-${i}.yaml`,
        `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-${i}
  namespace: apps
rules:
${ruleYaml(BENIGN_RULE, '  ', true)}
${region(ruleLabel(c, false, 'k8s-role-yaml'), ruleYaml(c.rule, '  ', i % 2 === 0))}
`,
      ),
    );
    docs.push(
      iacDocument(
        `deploy/rbac/clusterrole-${i}.yaml`,
        `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: controller-${i}
  labels:
    app.kubernetes.io/name: controller
rules:
${region(ruleLabel(c, true, 'k8s-clusterrole-yaml'), ruleYaml(c.rule, '', i % 2 === 1))}
${ruleYaml(BENIGN_RULE, '', true)}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: controller-${i}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: controller-${i}
subjects:
  - kind: ServiceAccount
    name: controller
    namespace: system
`,
      ),
    );
    docs.push(
      iacDocument(
        `terraform/k8s-${i}/rbac.tf`,
        `resource "kubernetes_cluster_role" "ops_${i}" {
  metadata {
    name = "ops-${i}"
  }

${tfRule(BENIGN_RULE, '  ')}

${region(ruleLabel(c, true, 'tf-kubernetes-cluster-role'), tfRule(c.rule, '  '))}
}
`,
      ),
    );
    docs.push(
      iacDocument(
        `terraform/k8s-ns-${i}/rbac.tf`,
        `resource "kubernetes_role_v1" "app_${i}" {
  metadata {
    name      = "app-${i}"
    namespace = kubernetes_namespace.apps.metadata[0].name
  }

${region(ruleLabel(c, false, 'tf-kubernetes-role'), tfRule(c.rule, '  '))}
}
`,
      ),
    );
  });
  return docs;
}

interface BindingCase {
  name: string;
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  role: string;
  subjects: Array<{ kind: string; name: string; namespace?: string }>;
  expect?: string[];
}

const ADMIN_BINDING = ['k8s-cluster-admin-binding'];
const DEFAULT_SA = ['k8s-default-service-account-binding'];
const BROAD_GROUP = ['k8s-broad-group-binding'];
export const BINDING_CASES: BindingCase[] = [
  {
    name: 'cluster-admin to a ServiceAccount',
    kind: 'ClusterRoleBinding',
    role: 'cluster-admin',
    subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
    expect: ADMIN_BINDING,
  },
  {
    name: 'cluster-admin to a group',
    kind: 'ClusterRoleBinding',
    role: 'cluster-admin',
    subjects: [{ kind: 'Group', name: 'developers' }],
    expect: ADMIN_BINDING,
  },
  {
    name: 'cluster-admin to a user',
    kind: 'ClusterRoleBinding',
    role: 'cluster-admin',
    subjects: [{ kind: 'User', name: 'jane@example.com' }],
    expect: ADMIN_BINDING,
  },
  {
    name: 'cluster-admin in a namespace',
    kind: 'RoleBinding',
    role: 'cluster-admin',
    subjects: [{ kind: 'ServiceAccount', name: 'tiller', namespace: 'kube-system' }],
    expect: ADMIN_BINDING,
  },
  {
    name: 'edit bound to the default account',
    kind: 'RoleBinding',
    role: 'edit',
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }],
    expect: DEFAULT_SA,
  },
  {
    name: 'a ClusterRole bound to default cluster-wide',
    kind: 'ClusterRoleBinding',
    role: 'pod-reader',
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }],
    expect: DEFAULT_SA,
  },
  {
    name: 'edit to every ServiceAccount',
    kind: 'ClusterRoleBinding',
    role: 'edit',
    subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }],
    expect: BROAD_GROUP,
  },
  {
    name: 'admin to every ServiceAccount of a namespace',
    kind: 'RoleBinding',
    role: 'admin',
    subjects: [{ kind: 'Group', name: 'system:serviceaccounts:apps' }],
    expect: BROAD_GROUP,
  },
  {
    name: 'edit to every signed-in user',
    kind: 'ClusterRoleBinding',
    role: 'edit',
    subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    expect: BROAD_GROUP,
  },
  {
    name: 'cluster-admin to anonymous users',
    kind: 'ClusterRoleBinding',
    role: 'cluster-admin',
    subjects: [{ kind: 'Group', name: 'system:unauthenticated' }],
    expect: [...ADMIN_BINDING, ...BROAD_GROUP],
  },
  // Negatives.
  { name: 'view to a group', kind: 'ClusterRoleBinding', role: 'view', subjects: [{ kind: 'Group', name: 'auditors' }] },
  {
    name: "view to a namespace's ServiceAccounts",
    kind: 'RoleBinding',
    role: 'view',
    subjects: [{ kind: 'Group', name: 'system:serviceaccounts:monitoring' }],
  },
  {
    name: 'public-info-viewer to unauthenticated',
    kind: 'ClusterRoleBinding',
    role: 'system:public-info-viewer',
    subjects: [{ kind: 'Group', name: 'system:unauthenticated' }],
  },
  {
    name: 'edit to a group named like the system ones',
    kind: 'ClusterRoleBinding',
    role: 'edit',
    subjects: [{ kind: 'Group', name: 'serviceaccounts-admins' }],
  },
  {
    name: 'admin in one namespace to a named account',
    kind: 'RoleBinding',
    role: 'admin',
    subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'apps' }],
  },
  {
    name: 'own role to a named account',
    kind: 'ClusterRoleBinding',
    role: 'controller',
    subjects: [{ kind: 'ServiceAccount', name: 'controller', namespace: 'system' }],
  },
  {
    name: 'cluster-admin-like name',
    kind: 'ClusterRoleBinding',
    role: 'cluster-admin-readonly',
    subjects: [{ kind: 'Group', name: 'sre' }],
  },
  {
    name: 'system:basic-user to authenticated',
    kind: 'ClusterRoleBinding',
    role: 'system:basic-user',
    subjects: [{ kind: 'Group', name: 'system:authenticated' }],
  },
];

function bindingDocuments(): IacDocument[] {
  return BINDING_CASES.flatMap((c, i) => {
    const l = c.expect ? positive(c.expect, 'k8s-binding', 'k8s-yaml', c.name) : negative('k8s-binding', 'k8s-yaml', c.name);
    const lt = c.expect ? positive(c.expect, 'k8s-binding', 'tf-kubernetes', c.name) : negative('k8s-binding', 'tf-kubernetes', c.name);
    const subjects = c.subjects
      .map(
        (s) =>
          `  - kind: ${s.kind}\n    name: ${s.name}\n${s.namespace ? `    namespace: ${s.namespace}\n` : `    apiGroup: rbac.authorization.k8s.io\n`}`,
      )
      .join('');
    const tfSubjects = c.subjects
      .map(
        (s) =>
          `  subject {\n    kind      = "${s.kind}"\n    name      = "${s.name}"\n${s.namespace ? `    namespace = "${s.namespace}"\n` : `    api_group = "rbac.authorization.k8s.io"\n`}  }\n`,
      )
      .join('');
    const tfType = c.kind === 'ClusterRoleBinding' ? 'kubernetes_cluster_role_binding' : 'kubernetes_role_binding';
    return [
      iacDocument(
        `k8s/bindings/binding-${i}.yaml`,
        region(
          l,
          `apiVersion: rbac.authorization.k8s.io/v1
kind: ${c.kind}
metadata:
  name: binding-${i}
${c.kind === 'RoleBinding' ? `  namespace: ${c.subjects[0].namespace ?? 'apps'}\n` : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${c.role}
subjects:
${subjects}`,
        ),
      ),
      iacDocument(
        `terraform/bindings-${i}/main.tf`,
        region(
          lt,
          `resource "${tfType}" "b_${i}" {
  metadata {
    name = "binding-${i}"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "${c.role}"
  }
${tfSubjects}}
`,
        ),
      ),
    ];
  });
}

/** Workloads and the token they mount: a finding only where the token grants something. */
function automountDocuments(): IacDocument[] {
  const AUTOMOUNT = ['k8s-automount-service-account-token'];
  const docs: IacDocument[] = [];
  const deployment = (name: string, sa: string | undefined, automount: string | undefined) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${sa ? `      serviceAccountName: ${sa}\n` : ''}${automount ? `      automountServiceAccountToken: ${automount}\n` : ''}      containers:
        - name: ${name}
          image: ghcr.io/acme/${name}:1.4.2
`;
  const binding = (sa: string, role: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${sa}-${role}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
subjects:
  - kind: ServiceAccount
    name: ${sa}
    namespace: apps
`;
  const sa = (name: string, automount?: string) => `---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  labels:
    owner: platform
${automount ? `automountServiceAccountToken: ${automount}\n` : ''}`;
  const add = (path: string, name: string, expect: boolean, text: (r: (t: string) => string) => string) => {
    const l = expect
      ? positive(AUTOMOUNT, 'k8s-automount', 'k8s-yaml', name, 'credential-lifetime')
      : negative('k8s-automount', 'k8s-yaml', name, 'credential-lifetime');
    docs.push(
      iacDocument(
        path,
        text((t) => region(l, t)),
      ),
    );
  };
  const cases: Array<[string, boolean, (r: (t: string) => string) => string]> = [
    [
      'privileged account bound to cluster-admin, token mounted',
      true,
      (r) => r(deployment('ops', 'ops', 'true')) + binding('ops', 'cluster-admin') + sa('ops'),
    ],
    [
      'privileged account bound to edit, default automount',
      true,
      (r) => r(deployment('ci-runner', 'ci-runner', undefined)) + binding('ci-runner', 'edit') + sa('ci-runner'),
    ],
    ['default account bound in the same file', true, (r) => r(deployment('web', undefined, undefined)) + binding('default', 'view')],
    ['default account, nothing bound (token grants nothing)', false, (r) => r(deployment('web', undefined, undefined))],
    ['named account, automount false on the pod', false, (r) => r(deployment('ops', 'ops', 'false')) + binding('ops', 'cluster-admin')],
    [
      'named account with automount false on the account',
      false,
      (r) => r(deployment('ops', 'ops', undefined)) + binding('ops', 'edit') + sa('ops', 'false'),
    ],
    ['named account, nothing bound in this file', false, (r) => r(deployment('api', 'api', undefined)) + sa('api')],
    [
      'kustomize patch of a deployment',
      false,
      (r) =>
        r(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          resources:
            limits:
              memory: 512Mi
`),
    ],
    ['automount true on an unbound named account', false, (r) => r(deployment('worker', 'worker', 'true'))],
  ];
  cases.forEach(([name, expect, text], i) => {
    add(`k8s/apps/workload-${i}.yaml`, name, expect, text);
    add(`k8s/overlays/prod/workload-${i}.yml`, name, expect, text);
  });
  return docs;
}

/** A role of the same file bound to a group every account or user is in: reported when the role writes. */
function groupBindingDocuments(): IacDocument[] {
  const cases = [
    { name: 'own writing role to every ServiceAccount', verbs: ['get', 'create', 'update'], group: 'system:serviceaccounts', writes: true },
    { name: 'own read-only role to every signed-in user', verbs: ['get', 'list', 'watch'], group: 'system:authenticated', writes: false },
  ];
  return cases.flatMap((c, i) => {
    const label = (form: string) =>
      c.writes ? positive(['k8s-broad-group-binding'], 'k8s-binding', form, c.name) : negative('k8s-binding', form, c.name);
    return [
      iacDocument(
        `k8s/group-bindings/group-binding-${i}.yaml`,
        `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: team-role-${i}
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: [${c.verbs.map((v) => `"${v}"`).join(', ')}]
---
${region(
  label('k8s-yaml'),
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: team-role-${i}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: team-role-${i}
subjects:
  - kind: Group
    name: ${c.group}
    apiGroup: rbac.authorization.k8s.io
`,
)}`,
      ),
      iacDocument(
        `terraform/group-bindings-${i}/main.tf`,
        `resource "kubernetes_cluster_role_v1" "team" {
  metadata {
    name = "team-role-${i}"
  }
  rule {
    api_groups = ["apps"]
    resources  = ["deployments"]
    verbs      = [${c.verbs.map((v) => `"${v}"`).join(', ')}]
  }
}

${region(
  label('tf-kubernetes'),
  `resource "kubernetes_cluster_role_binding_v1" "team" {
  metadata {
    name = "team-role-${i}"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "team-role-${i}"
  }
  subject {
    kind      = "Group"
    name      = "${c.group}"
    api_group = "rbac.authorization.k8s.io"
  }
}
`,
)}`,
      ),
    ];
  });
}

export function kubernetesDocuments(): IacDocument[] {
  return [...rbacDocuments(), ...bindingDocuments(), ...groupBindingDocuments(), ...automountDocuments()];
}
