import { isOwnerKey, type IacContext, type OffsetEdit, type IssueFrom } from '../iacIssue';
import { entry, get, itemsOf, stringsOf, stringValue, type MapNode, type SourceNode } from '../sourceTree';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';

type KubernetesIssue = IssueFrom<'kubernetes'>;

const WORKLOAD_POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const READ_VERBS = ['get', 'list', 'watch', '*'];
const ESCALATION_VERBS: Record<string, string> = {
  escalate: 'grant permissions it does not hold',
  bind: 'bind any role',
  impersonate: 'act as other users, groups or service accounts',
};
const DANGEROUS_RESOURCES: Record<string, string> = {
  'pods/exec': 'run commands in any pod',
  'pods/attach': 'attach to any pod',
  'nodes/proxy': 'reach the kubelet API of nodes',
};

function nameOf(doc: SourceNode): string {
  const kind = stringValue(get(doc, 'kind')) ?? 'object';
  const name = stringValue(get(doc, 'metadata', 'name')) ?? '(unnamed)';
  const ns = stringValue(get(doc, 'metadata', 'namespace'));
  return `${kind}/${ns ? `${ns}/` : ''}${name}`;
}

/** Analyses every document of a Kubernetes manifest. */
export function analyseKubernetes(documents: SourceNode[], text: string, ctx: IacContext): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  // A ServiceAccount in the same file that disables automount covers the workloads using it.
  const noAutomount = new Set(
    documents
      .filter(
        (d) =>
          stringValue(get(d, 'kind')) === 'ServiceAccount' &&
          get(d, 'automountServiceAccountToken')?.type === 'scalar' &&
          (get(d, 'automountServiceAccountToken') as { value: unknown }).value === false,
      )
      .map((d) => stringValue(get(d, 'metadata', 'name'))),
  );
  for (const doc of documents.flatMap((d) => (stringValue(get(d, 'kind')) === 'List' ? itemsOf(get(d, 'items')) : [d]))) {
    const kind = stringValue(get(doc, 'kind'));
    if (!kind) continue;
    const resource = nameOf(doc);
    if (kind === 'Role' || kind === 'ClusterRole') issues.push(...rbacRuleIssues(doc, kind, resource));
    else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') issues.push(...bindingIssues(doc, resource));
    else if (kind === 'ServiceAccount') {
      const i = serviceAccountOwner(doc, text, resource, ctx);
      if (i) issues.push(i);
    } else if (kind === 'Secret') {
      const type = get(doc, 'type');
      if (type?.type === 'scalar' && type.value === 'kubernetes.io/service-account-token') {
        issues.push({
          check: 'k8s-legacy-service-account-token',
          start: type.start,
          end: type.end,
          resource,
          subject: resource,
          message: `${resource} is a legacy service-account token Secret: a token that never expires. Use projected tokens (TokenRequest API) instead`,
        });
      }
    } else if (WORKLOAD_POD_SPEC[kind] && ctx.settings.automountServiceAccountToken !== 'off') {
      const issue = automountIssue(doc, WORKLOAD_POD_SPEC[kind], text, resource, ctx, noAutomount);
      if (issue) issues.push(issue);
    }
  }
  return issues;
}

function rbacRuleIssues(doc: SourceNode, kind: string, resource: string): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  itemsOf(get(doc, 'rules')).forEach((rule, r) => {
    const verbs = stringsOf(get(rule, 'verbs'));
    const resources = stringsOf(get(rule, 'resources'));
    const groups = stringsOf(get(rule, 'apiGroups'));
    const at = `${resource} rule ${r + 1}`;
    for (const [field, list] of [
      ['verbs', verbs],
      ['resources', resources],
      ['apiGroups', groups],
    ] as const) {
      for (const item of list) {
        if (item.value === '*')
          issues.push({
            check: 'k8s-rbac-wildcard',
            start: item.start,
            end: item.end,
            resource,
            subject: `${resource}|${r}|${field}`,
            message: `${at} allows "*" in ${field}: list the ${field} it needs`,
            narrower: field === 'verbs' ? ['get', 'list', 'watch'] : undefined,
          });
      }
    }
    for (const v of verbs) {
      const why = ESCALATION_VERBS[v.value.toLowerCase()];
      if (why)
        issues.push({
          check: 'k8s-rbac-escalation-verb',
          start: v.start,
          end: v.end,
          resource,
          subject: `${resource}|${r}|${v.value}`,
          message: `${at} grants "${v.value}": it can ${why}`,
        });
    }
    for (const res of resources) {
      const why = DANGEROUS_RESOURCES[res.value.toLowerCase()];
      if (why)
        issues.push({
          check: 'k8s-rbac-exec-or-proxy',
          start: res.start,
          end: res.end,
          resource,
          subject: `${resource}|${r}|${res.value}`,
          message: `${at} grants access to ${res.value}: it can ${why}`,
        });
    }
    const readsSecrets =
      kind === 'ClusterRole' &&
      verbs.some((v) => READ_VERBS.includes(v.value.toLowerCase())) &&
      (groups.length === 0 || groups.some((g) => g.value === '' || g.value === '*'));
    for (const res of resources) {
      if (readsSecrets && res.value === 'secrets') {
        issues.push({
          check: 'k8s-rbac-cluster-secrets-read',
          start: res.start,
          end: res.end,
          resource,
          subject: `${resource}|${r}|secrets`,
          message: `${at} reads Secrets in every namespace: use a namespaced Role, with resourceNames where possible`,
        });
      }
    }
  });
  return issues;
}

function bindingIssues(doc: SourceNode, resource: string): KubernetesIssue[] {
  const role = get(doc, 'roleRef', 'name');
  if (role?.type !== 'scalar' || role.value !== 'cluster-admin') return [];
  const accounts = itemsOf(get(doc, 'subjects'))
    .filter((s) => stringValue(get(s, 'kind')) === 'ServiceAccount')
    .map((s) => `${stringValue(get(s, 'namespace')) ?? ''}/${stringValue(get(s, 'name')) ?? '?'}`.replace(/^\//, ''));
  if (!accounts.length) return [];
  return [
    {
      check: 'k8s-cluster-admin-binding',
      start: role.start,
      end: role.end,
      resource,
      subject: `${resource}|cluster-admin`,
      message: `${resource} binds cluster-admin to the ServiceAccount ${accounts.join(', ')}: anything running as it owns the cluster`,
    },
  ];
}

function serviceAccountOwner(doc: SourceNode, text: string, resource: string, ctx: IacContext): KubernetesIssue | undefined {
  const keys = ctx.settings.ownerTags;
  const metadata = get(doc, 'metadata');
  const labels = get(metadata, 'labels');
  const annotations = get(metadata, 'annotations');
  const hasOwner = [labels, annotations].some((m) => m?.type === 'map' && m.entries.some((e) => isOwnerKey(e.key, keys)));
  if (hasOwner) return undefined;
  const nameNode = get(metadata, 'name') ?? get(doc, 'kind')!;
  const edit = labelEdit(text, metadata, labels, keys[0]);
  return {
    check: 'missing-owner-tag',
    start: nameNode.start,
    end: nameNode.end,
    resource,
    subject: resource,
    message: `${resource} has no "${keys[0]}" label or annotation: nobody is accountable for this identity`,
    ...(edit ? { fix: { title: `Add an "${keys[0]}" label`, edits: [edit], ownerFormat: 'kubernetes-label' as const } } : {}),
  };
}

function labelEdit(text: string, metadata: SourceNode | undefined, labels: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const pair = `${key}: ${OWNER_PLACEHOLDER}`;
  if (labels?.type === 'map' && labels.entries[0] && startsLine(text, labels.entries[0].keyStart)) {
    const first = labels.entries[0];
    const at = lineStartOf(text, first.keyStart);
    return { start: at, end: at, newText: `${indentAt(text, first.keyStart)}${pair}\n` };
  }
  if (labels || metadata?.type !== 'map') return undefined;
  const first = (metadata as MapNode).entries[0];
  if (!first || !startsLine(text, first.keyStart)) return undefined;
  const indent = indentAt(text, first.keyStart);
  const at = lineStartOf(text, first.keyStart);
  return { start: at, end: at, newText: `${indent}labels:\n${indent}${indentUnit(text)}${pair}\n` };
}

function automountIssue(
  doc: SourceNode,
  path: string[],
  text: string,
  resource: string,
  ctx: IacContext,
  noAutomount: Set<string | undefined>,
): KubernetesIssue | undefined {
  const specEntry = path.slice(0, -1).reduce<SourceNode | undefined>((n, k) => get(n, k), doc);
  const spec = entry(specEntry, path[path.length - 1]);
  if (spec?.value.type !== 'map') return undefined;
  const automount = entry(spec.value, 'automountServiceAccountToken');
  if (automount?.value.type === 'scalar' && automount.value.value === false) return undefined;
  if (automount && automount.value.type !== 'scalar') return undefined;
  const account = stringValue(get(spec.value, 'serviceAccountName')) ?? stringValue(get(spec.value, 'serviceAccount')) ?? 'default';
  if (noAutomount.has(account)) return undefined;
  if (account !== 'default' && ctx.settings.automountServiceAccountToken === 'default-service-account' && !automount) return undefined;
  const at = automount ? { start: automount.value.start, end: automount.value.end } : { start: spec.keyStart, end: spec.keyEnd };
  const first = spec.value.entries[0];
  const edits: OffsetEdit[] = automount
    ? [{ start: automount.value.start, end: automount.value.end, newText: 'false' }]
    : first && startsLine(text, first.keyStart)
      ? [
          {
            start: lineStartOf(text, first.keyStart),
            end: lineStartOf(text, first.keyStart),
            newText: `${indentAt(text, first.keyStart)}automountServiceAccountToken: false\n`,
          },
        ]
      : [];
  return {
    check: 'k8s-automount-service-account-token',
    ...at,
    resource,
    subject: resource,
    message: `${resource} mounts the "${account}" ServiceAccount token${account === 'default' ? ', which a workload on the default account rarely needs' : ''}: set automountServiceAccountToken: false unless it calls the Kubernetes API`,
    ...(edits.length ? { fix: { title: 'Set automountServiceAccountToken: false', edits } } : {}),
  };
}
