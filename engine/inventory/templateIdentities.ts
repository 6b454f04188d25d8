/**
 * Identities declared by Azure templates (Bicep, ARM) and Pulumi YAML programs, linked to the
 * resources whose findings are about them by the same names the analysers give their findings.
 */
import type { AzureTemplate } from '../iac/azure/azureResources';
import { isOwnerKey } from '../iac/iacIssue';
import { get, stringValue, type SourceNode } from '../iac/sourceTree';
import type { IdentityDraft, IdentityKind } from './identity';

function ownerTag(tags: SourceNode | undefined, keys: string[]): string | undefined {
  if (tags?.type !== 'map') return undefined;
  return tags.entries
    .filter((e) => isOwnerKey(e.key, keys))
    .map((e) => stringValue(e.value))
    .find(Boolean);
}

/**
 * User-assigned managed identities, linked to the role assignments whose `principalId` refers to
 * them: by symbolic name in Bicep (`ci.properties.principalId`), by resource name in ARM
 * (`reference(resourceId('…/userAssignedIdentities', 'id-ci'))`).
 */
export function azureTemplateIdentities(template: AzureTemplate, text: string, ownerTags: string[]): IdentityDraft[] {
  const assignments = template.resources.filter((r) => r.type.toLowerCase() === 'microsoft.authorization/roleassignments');
  const drafts: IdentityDraft[] = [];
  for (const r of template.resources) {
    if (r.type.toLowerCase() !== 'microsoft.managedidentity/userassignedidentities') continue;
    const written = stringValue(get(r.body, 'name'));
    const refers = new RegExp(`(?:^|[^\\w$'-])${escape(r.name)}(?:[^\\w$'-]|$)|'${escape(written ?? r.name)}'`);
    const links = [r.name];
    for (const a of assignments) {
      const principal = get(a.body, 'properties', 'principalId');
      if (principal && refers.test(text.slice(principal.start, principal.end))) links.push(a.name);
    }
    drafts.push({
      kind: 'managed-identity',
      name: r.name,
      provider: 'azure',
      start: r.start,
      end: r.end,
      owner: ownerTag(get(r.body, 'tags'), ownerTags),
      credential: 'federated',
      links,
      permissionsDeclared: links.length > 1,
    });
  }
  return drafts;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PULUMI_IDENTITIES: Record<string, { kind: IdentityKind; credential: IdentityDraft['credential'] }> = {
  'aws:iam:Role': { kind: 'iam-role', credential: 'federated' },
  'aws:iam:User': { kind: 'iam-user', credential: 'static' },
  'aws:iam:AccessKey': { kind: 'access-key', credential: 'static' },
  'aws:secretsmanager:Secret': { kind: 'secret-store', credential: 'reference' },
  'azure-native:managedidentity:UserAssignedIdentity': { kind: 'managed-identity', credential: 'federated' },
};
/** Resources that give an identity its permissions through `role`/`user`/`group` (`${ciRole.name}`). */
const PULUMI_GRANTS =
  /^aws:iam:(?:Role|User|Group)Policy(?:Attachment)?$|^aws:iam:PolicyAttachment$|^azure-native:authorization:RoleAssignment$/;

/** Roles, users, access keys, secrets and managed identities of a Pulumi program, linked to the policies and role assignments that name them. */
export function pulumiIdentities(program: SourceNode, text: string, ownerTags: string[]): IdentityDraft[] {
  const resources = get(program, 'resources');
  if (resources?.type !== 'map') return [];
  const drafts: IdentityDraft[] = [];
  for (const res of resources.entries) {
    const type = stringValue(get(res.value, 'type'));
    const spec = type && PULUMI_IDENTITIES[type];
    if (!spec) continue;
    const props = get(res.value, 'properties');
    const links = [res.key];
    for (const other of resources.entries) {
      const otherType = stringValue(get(other.value, 'type')) ?? '';
      if (!PULUMI_GRANTS.test(otherType)) continue;
      const target = ['role', 'user', 'group', 'roles', 'users', 'principalId'].map((k) => get(other.value, 'properties', k)).find(Boolean);
      if (target && text.slice(target.start, target.end).includes(`\${${res.key}`)) links.push(other.key);
    }
    const inline = !!get(props, 'inlinePolicies') || !!get(props, 'managedPolicyArns');
    drafts.push({
      kind: spec.kind,
      name: res.key,
      provider: type.startsWith('azure') ? 'azure' : 'aws',
      start: res.keyStart,
      end: res.keyEnd,
      owner: ownerTag(get(props, 'tags'), ownerTags),
      credential: spec.credential,
      links,
      permissionsDeclared: links.length > 1 || inline,
    });
  }
  return drafts;
}
