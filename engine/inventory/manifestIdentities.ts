import { isOwnerKey } from '../iac/iacIssue';
import { get, itemsOf, stringValue, type MapEntry, type SourceNode } from '../iac/sourceTree';
import type { IdentityDraft, IdentityKind } from './identity';

function ownerLabel(node: SourceNode | undefined, keys: string[]): string | undefined {
  if (node?.type !== 'map') return undefined;
  return node.entries
    .filter((e) => isOwnerKey(e.key, keys))
    .map((e) => stringValue(e.value))
    .find(Boolean);
}

/** `Kind/namespace/name`, the same resource name the Kubernetes analyser gives its findings. */
function k8sName(doc: SourceNode, namespace?: string): string {
  const ns = namespace ?? stringValue(get(doc, 'metadata', 'namespace'));
  return `${stringValue(get(doc, 'kind')) ?? 'object'}/${ns ? `${ns}/` : ''}${stringValue(get(doc, 'metadata', 'name')) ?? '(unnamed)'}`;
}

/** ServiceAccounts and legacy token Secrets, linked to the Roles their bindings grant. */
export function kubernetesIdentities(documents: SourceNode[], ownerTags: string[]): IdentityDraft[] {
  const drafts: IdentityDraft[] = [];
  const bindings = documents.filter((d) => /^(?:Cluster)?RoleBinding$/.test(stringValue(get(d, 'kind')) ?? ''));
  for (const doc of documents) {
    const kind = stringValue(get(doc, 'kind'));
    const nameNode = get(doc, 'metadata', 'name');
    const name = stringValue(nameNode);
    if (!name || !nameNode) continue;
    const namespace = stringValue(get(doc, 'metadata', 'namespace'));
    const owner = ownerLabel(get(doc, 'metadata', 'labels'), ownerTags) ?? ownerLabel(get(doc, 'metadata', 'annotations'), ownerTags);
    if (kind === 'ServiceAccount') {
      const links = [k8sName(doc)];
      for (const b of bindings) {
        const bindingNs = stringValue(get(b, 'metadata', 'namespace'));
        const subjects = itemsOf(get(b, 'subjects'));
        const bound = subjects.some(
          (s) =>
            stringValue(get(s, 'kind')) === 'ServiceAccount' &&
            stringValue(get(s, 'name')) === name &&
            (stringValue(get(s, 'namespace')) ?? bindingNs ?? 'default') === (namespace ?? 'default'),
        );
        if (!bound) continue;
        links.push(k8sName(b));
        const roleKind = stringValue(get(b, 'roleRef', 'kind'));
        const roleName = stringValue(get(b, 'roleRef', 'name'));
        if (roleKind && roleName)
          links.push(roleKind === 'Role' ? `Role/${bindingNs ? `${bindingNs}/` : ''}${roleName}` : `ClusterRole/${roleName}`);
      }
      drafts.push({
        kind: 'service-account',
        name: k8sName(doc),
        provider: 'kubernetes',
        start: nameNode.start,
        end: nameNode.end,
        owner,
        credential: 'federated',
        links,
        permissionsDeclared: links.length > 1,
      });
    } else if (kind === 'Secret' && stringValue(get(doc, 'type')) === 'kubernetes.io/service-account-token') {
      drafts.push({
        kind: 'service-account-token',
        name: k8sName(doc),
        provider: 'kubernetes',
        start: nameNode.start,
        end: nameNode.end,
        owner,
        credential: 'static',
        links: [k8sName(doc)],
        permissionsDeclared: false,
      });
    }
  }
  return drafts;
}

const CFN_IDENTITIES: Record<string, { kind: IdentityKind; credential: IdentityDraft['credential'] }> = {
  'AWS::IAM::Role': { kind: 'iam-role', credential: 'federated' },
  'AWS::IAM::User': { kind: 'iam-user', credential: 'static' },
  'AWS::IAM::AccessKey': { kind: 'access-key', credential: 'static' },
  'AWS::SecretsManager::Secret': { kind: 'secret-store', credential: 'reference' },
};
const CFN_POLICIES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy'];

function cfnOwner(props: SourceNode | undefined, keys: string[]): string | undefined {
  for (const tag of itemsOf(get(props, 'Tags'))) {
    const key = stringValue(get(tag, 'Key'));
    if (key && isOwnerKey(key, keys)) return stringValue(get(tag, 'Value'));
  }
  return undefined;
}

/** IAM roles, users, access keys and secrets of a CloudFormation template, linked to the policies that name them. */
export function cloudFormationIdentities(template: SourceNode, text: string, ownerTags: string[]): IdentityDraft[] {
  const resources = get(template, 'Resources');
  if (resources?.type !== 'map') return [];
  const policies = resources.entries.filter((r) => CFN_POLICIES.includes(stringValue(get(r.value, 'Type')) ?? ''));
  // Logical IDs are alphanumeric in CloudFormation; any other key is file content, never a pattern
  // (`(a+)+$` as a key made this backtrack for a minute, `a(` threw).
  const mentions = (r: MapEntry, id: string) =>
    /^\w+$/.test(id) && new RegExp(`(?<![\\w])${id}(?![\\w])`).test(text.slice(r.value.start, r.value.end));
  const drafts: IdentityDraft[] = [];
  for (const res of resources.entries) {
    const spec = CFN_IDENTITIES[stringValue(get(res.value, 'Type')) ?? ''];
    if (!spec) continue;
    const props = get(res.value, 'Properties');
    const linked = policies.filter((p) => mentions(p, res.key)).map((p) => p.key);
    let credential = spec.credential;
    if (
      spec.kind === 'iam-user' &&
      resources.entries.some((r) => stringValue(get(r.value, 'Type')) === 'AWS::IAM::AccessKey' && mentions(r, res.key))
    )
      credential = 'static';
    const declared = linked.length > 0 || !!get(props, 'Policies') || !!get(props, 'ManagedPolicyArns');
    drafts.push({
      kind: spec.kind,
      name: res.key,
      provider: 'aws',
      start: res.keyStart,
      end: res.keyEnd,
      owner: cfnOwner(props, ownerTags),
      credential,
      links: [res.key, ...linked],
      permissionsDeclared: declared,
    });
  }
  return drafts;
}
