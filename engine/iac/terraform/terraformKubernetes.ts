/**
 * RBAC written with Terraform's kubernetes provider (kubernetes_cluster_role, kubernetes_role,
 * their bindings, and the _v1 names): read into the shape of the manifests, so the same rule
 * and binding checks apply as to YAML; and legacy service-account token Secrets
 * (kubernetes_secret with the token type), as in manifests.
 */
import type { HclBlock, HclBody } from '../hcl/hclParser';
import { attribute, blocksOf, hclToSource } from '../hcl/hclSource';
import { bindingIssues, powerfulRoles, rbacRuleIssues } from '../kubernetes/kubernetesAnalyzer';
import type { IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { addressOf, type TerraformFile } from './terraformModule';

const ROLES: Record<string, string> = {
  kubernetes_cluster_role: 'ClusterRole',
  kubernetes_cluster_role_v1: 'ClusterRole',
  kubernetes_role: 'Role',
  kubernetes_role_v1: 'Role',
};
const BINDINGS = [
  'kubernetes_cluster_role_binding',
  'kubernetes_cluster_role_binding_v1',
  'kubernetes_role_binding',
  'kubernetes_role_binding_v1',
];

/** A block's attributes as a map node, keys renamed (`api_groups` → `apiGroups`). */
function mapOf(block: HclBlock, names: Record<string, string>): SourceNode {
  const entries: MapEntry[] = [];
  for (const [hclName, key] of Object.entries(names)) {
    const a = attribute(block.body, hclName);
    if (a) entries.push({ key, keyStart: a.nameStart, keyEnd: a.nameEnd, value: hclToSource(a.value) });
  }
  return { type: 'map', entries, start: block.start, end: block.end };
}

function entryOf(key: string, block: HclBlock, value: SourceNode): MapEntry {
  return { key, keyStart: block.start, keyEnd: block.open, value };
}

function scalar(value: string, at: HclBlock): SourceNode {
  return { type: 'scalar', value, start: at.start, end: at.start };
}

function listEntry(key: string, body: HclBody, items: SourceNode[]): MapEntry {
  return { key, keyStart: body.start, keyEnd: body.start, value: { type: 'seq', items, start: body.start, end: body.end } };
}

export function kubernetesProviderIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  const roles: SourceNode[] = [];
  for (const block of file.resourcesOf(...Object.keys(ROLES))) {
    const rules = blocksOf(block.body, 'rule').map((r) =>
      mapOf(r, { api_groups: 'apiGroups', resources: 'resources', verbs: 'verbs', resource_names: 'resourceNames' }),
    );
    const doc: SourceNode = { type: 'map', entries: [listEntry('rules', block.body, rules)], start: block.start, end: block.end };
    issues.push(...rbacRuleIssues(doc, ROLES[block.labels[0].value], addressOf(block)));
    // The role in manifest shape with its kind and name, for the bindings of this file that name it.
    const metadata = blocksOf(block.body, 'metadata')[0];
    const kind: MapEntry = { key: 'kind', keyStart: block.start, keyEnd: block.start, value: scalar(ROLES[block.labels[0].value], block) };
    roles.push({
      ...doc,
      entries: [...doc.entries, kind, ...(metadata ? [entryOf('metadata', metadata, mapOf(metadata, { name: 'name' }))] : [])],
    });
  }
  const powerful = powerfulRoles(roles);
  for (const block of file.resourcesOf(...BINDINGS)) {
    const roleRef = blocksOf(block.body, 'role_ref')[0];
    if (!roleRef) continue;
    const subjects = blocksOf(block.body, 'subject').map((s) => mapOf(s, { kind: 'kind', name: 'name', namespace: 'namespace' }));
    const doc: SourceNode = {
      type: 'map',
      entries: [
        { key: 'roleRef', keyStart: roleRef.start, keyEnd: roleRef.open, value: mapOf(roleRef, { name: 'name', kind: 'kind' }) },
        listEntry('subjects', block.body, subjects),
      ],
      start: block.start,
      end: block.end,
    };
    issues.push(...bindingIssues(doc, addressOf(block), powerful));
  }
  // The manifest check for legacy token Secrets, on kubernetes_secret(_v1) with the same type.
  for (const block of file.resourcesOf('kubernetes_secret', 'kubernetes_secret_v1')) {
    const type = attribute(block.body, 'type')?.value;
    if (type?.kind !== 'string' || type.value !== 'kubernetes.io/service-account-token') continue;
    const address = addressOf(block);
    issues.push({
      check: 'k8s-legacy-service-account-token',
      start: type.start + 1,
      end: type.end - 1,
      resource: address,
      subject: address,
      message: `${address} is a legacy service-account token Secret: a token that never expires. Use projected tokens (TokenRequest API) instead`,
    });
  }
  return issues;
}
