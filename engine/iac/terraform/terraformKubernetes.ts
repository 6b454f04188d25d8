/**
 * RBAC written with Terraform's kubernetes provider (kubernetes_cluster_role, kubernetes_role,
 * their bindings, and the _v1 names): read into the shape of the manifests, so the same rule
 * and binding checks apply as to YAML; legacy service-account token Secrets (kubernetes_secret
 * with the token type), as in manifests; and ServiceAccounts with no owner label or annotation.
 */
import type { HclBlock, HclBody } from '../hcl/hclParser';
import { attribute, blocksOf, hclToSource } from '../hcl/hclSource';
import { bindingIssues, powerfulRoles, rbacRuleIssues } from '../kubernetes/kubernetesAnalyzer';
import type { IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { addressOf, headerRange, type TerraformFile } from './terraformModule';
import { ownerEdit, ownerState } from './terraformOwnership';

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

/** `kubernetes_cluster_role.x.metadata[0].name` (or `.metadata.0.namespace`): how one object of the file names another. */
const METADATA_REF = /^(kubernetes_\w+\.[\w-]+)\.metadata(?:\[0\]|\.0)\.(name|namespace)$/;

/** The literal metadata name and namespace of every kubernetes_* resource of the file, by address. */
function metadataNames(file: TerraformFile): Map<string, { name?: string; namespace?: string }> {
  const known = new Map<string, { name?: string; namespace?: string }>();
  const literal = (body: HclBody, name: string) => {
    const value = attribute(body, name)?.value;
    return value?.kind === 'string' && !value.templated ? value.value : undefined;
  };
  for (const block of file.resourcesWhere((type) => type.startsWith('kubernetes_'))) {
    const metadata = blocksOf(block.body, 'metadata')[0];
    if (metadata) known.set(addressOf(block), { name: literal(metadata.body, 'name'), namespace: literal(metadata.body, 'namespace') });
  }
  return known;
}

/**
 * A block's attributes in manifest shape (`mapOf`), with `name` and `namespace` that refer to an
 * object of the file (`kubernetes_cluster_role.x.metadata[0].name`, the usual way to write a
 * binding) read as that object's name, so the binding checks know the role and the subject.
 */
function namedMapOf(block: HclBlock, names: Record<string, string>, known: ReturnType<typeof metadataNames>): SourceNode {
  const node = mapOf(block, names);
  if (node.type !== 'map') return node;
  return {
    ...node,
    entries: node.entries.map((e) => {
      if (e.key !== 'name' && e.key !== 'namespace') return e;
      const expr = attribute(block.body, e.key)?.value;
      const ref = expr?.kind === 'ref' ? METADATA_REF.exec(expr.text) : undefined;
      const resolved = ref && known.get(ref[1])?.[ref[2] as 'name' | 'namespace'];
      return resolved ? { ...e, value: { type: 'scalar', value: resolved, start: e.value.start, end: e.value.end } } : e;
    }),
  };
}

export function kubernetesProviderIssues(file: TerraformFile, path: string, ownerTags: string[]): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  const roles: SourceNode[] = [];
  const known = metadataNames(file);
  for (const block of file.resourcesOf(...Object.keys(ROLES))) {
    const rules = blocksOf(block.body, 'rule').map((r) =>
      mapOf(r, { api_groups: 'apiGroups', resources: 'resources', verbs: 'verbs', resource_names: 'resourceNames' }),
    );
    const doc: SourceNode = { type: 'map', entries: [listEntry('rules', block.body, rules)], start: block.start, end: block.end };
    issues.push(...rbacRuleIssues(doc, ROLES[block.labels[0].value], addressOf(block)));
    // The role in manifest shape with its kind and name, for the bindings of this file that name it.
    const metadata = blocksOf(block.body, 'metadata')[0];
    const kind: MapEntry = { key: 'kind', keyStart: block.start, keyEnd: block.start, value: scalar(ROLES[block.labels[0].value], block) };
    // A role whose name is not a literal goes by its address, as its bindings refer to it.
    const name = known.get(addressOf(block))?.name ?? addressOf(block);
    known.set(addressOf(block), { ...known.get(addressOf(block)), name });
    const named: MapEntry = { key: 'name', keyStart: block.start, keyEnd: block.start, value: scalar(name, block) };
    roles.push({
      ...doc,
      entries: [
        ...doc.entries,
        kind,
        entryOf('metadata', metadata ?? block, { type: 'map', entries: [named], start: block.start, end: block.end }),
      ],
    });
  }
  const powerful = powerfulRoles(roles);
  for (const block of file.resourcesOf(...BINDINGS)) {
    const roleRef = blocksOf(block.body, 'role_ref')[0];
    if (!roleRef) continue;
    const subjects = blocksOf(block.body, 'subject').map((s) =>
      namedMapOf(s, { kind: 'kind', name: 'name', namespace: 'namespace' }, known),
    );
    const doc: SourceNode = {
      type: 'map',
      entries: [
        {
          key: 'roleRef',
          keyStart: roleRef.start,
          keyEnd: roleRef.open,
          value: namedMapOf(roleRef, { name: 'name', kind: 'kind' }, known),
        },
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
  issues.push(...serviceAccountOwnerIssues(file, /(?:^|[\\/])modules[\\/]/.test(path), ownerTags));
  return issues;
}

/**
 * kubernetes_service_account(_v1) with no owner key among its metadata labels or annotations,
 * as for ServiceAccount manifests (a namespace's labels are not the account's). Labels from a
 * variable or a function are "not static"; in a reusable module (under modules/), `var.labels`
 * is its caller's to set.
 */
function serviceAccountOwnerIssues(file: TerraformFile, inModule: boolean, keys: string[]): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('kubernetes_service_account', 'kubernetes_service_account_v1')) {
    const metadata = blocksOf(block.body, 'metadata')[0];
    const labels = metadata && attribute(metadata.body, 'labels');
    const annotations = metadata && attribute(metadata.body, 'annotations');
    const states = [labels, annotations].map((a) => ownerState(a?.value, file, keys, 0, inModule));
    if (states.some((s) => s === 'present' || s === 'caller')) continue;
    const address = addressOf(block);
    const header = headerRange(block);
    if (states.includes('unknown')) {
      issues.push({
        check: 'owner-tag-not-static',
        ...header,
        resource: address,
        subject: address,
        message: `${address}: the labels and annotations come from variables or functions, so an "${keys[0]}" label cannot be confirmed statically`,
      });
      continue;
    }
    issues.push({
      check: 'missing-owner-tag',
      ...header,
      resource: address,
      subject: address,
      message: `${address} has no "${keys[0]}" label or annotation: nobody is accountable for this identity`,
      ...(metadata
        ? {
            fix: {
              title: `Add an "${keys[0]}" label`,
              edits: [ownerEdit(file.text, metadata, labels?.value, 'labels', keys[0])],
              ownerFormat: 'kubernetes-label' as const,
            },
          }
        : {}),
    });
  }
  return issues;
}
