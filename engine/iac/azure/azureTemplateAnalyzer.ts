/**
 * Checks on Azure templates (Bicep and ARM JSON, read into one model): privileged built-in roles
 * assigned at subscription scope or above, custom roles allowed "*", Key Vault access policies
 * granting "all", and user-assigned managed identities without an owner tag.
 */
import { isOwnerKey, type IacContext, type IssueFrom, type OffsetEdit } from '../iacIssue';
import { get, itemsOf, stringsOf, stringValue, type SourceNode } from '../sourceTree';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';
import type { AzureResource, AzureTemplate, DeploymentScope } from './azureResources';
import { azureRoleActionsIssue } from './roleDefinitionAnalyzer';

type TemplateIssue = IssueFrom<'azure-template'>;

/** Built-in role definition ids, the same in every tenant, of the roles that reach everything below their scope. */
const PRIVILEGED_ROLE_IDS: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};
const READER_ROLE_ID = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const SCOPE_WORDS: Record<DeploymentScope, string> = {
  resourceGroup: 'resource group',
  subscription: 'subscription',
  managementGroup: 'management group',
  tenant: 'tenant',
};

export function analyseAzureTemplate(template: AzureTemplate, text: string, ctx: IacContext): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const r of template.resources) {
    switch (r.type.toLowerCase()) {
      case 'microsoft.authorization/roleassignments': {
        const issue = roleAssignmentIssue(r, template, text);
        if (issue) issues.push(issue);
        break;
      }
      case 'microsoft.authorization/roledefinitions':
        issues.push(...customRoleIssues(r));
        break;
      case 'microsoft.keyvault/vaults':
      case 'microsoft.keyvault/vaults/accesspolicies':
        issues.push(...accessPolicyIssues(r));
        break;
      case 'microsoft.managedidentity/userassignedidentities': {
        const issue = ownerIssue(r, template, text, ctx.settings.ownerTags);
        if (issue) issues.push(issue);
        break;
      }
    }
  }
  return issues;
}

/** The text of a value as written: a literal's source, or an expression's. */
const sourceOf = (node: SourceNode, text: string) => text.slice(node.start, node.end);

/** Where the role a roleDefinitionId names is a privileged built-in one: the GUID itself, or the reference to it. */
function privilegedRole(
  node: SourceNode,
  template: AzureTemplate,
  text: string,
): { name: string; start: number; end: number; literal: boolean } | undefined {
  const written = sourceOf(node, text);
  for (const m of written.matchAll(GUID)) {
    const name = PRIVILEGED_ROLE_IDS[m[0].toLowerCase()];
    if (name) return { name, start: node.start + m.index!, end: node.start + m.index! + m[0].length, literal: true };
  }
  // `variables('ownerRole')`, a Bicep `var` (`roles.owner`), or an `existing` role definition (`owner.id`).
  for (const m of written.matchAll(/([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)/g)) {
    const value = resolve(template, m[1], m[2].split('.').slice(1));
    if (!value) continue;
    for (const g of sourceOf(value, text).matchAll(GUID)) {
      const name = PRIVILEGED_ROLE_IDS[g[0].toLowerCase()];
      if (name) return { name, start: node.start, end: node.end, literal: false };
    }
  }
  // An ARM lookup in a variable: `variables('roles')[parameters('roleType')]`, `variables('roles')['Owner']`, `variables('roles').owner`.
  for (const m of written.matchAll(ARM_LOOKUP)) {
    const path: string[] = [];
    for (const step of m[2].matchAll(ARM_STEP)) {
      const key = step[1] ?? step[2] ?? stringValue(step[3] ? resolve(template, step[3], []) : undefined);
      if (key === undefined) break;
      path.push(key);
    }
    if (!path.length) continue;
    const value = resolve(template, m[1], path);
    for (const g of value ? sourceOf(value, text).matchAll(GUID) : []) {
      const name = PRIVILEGED_ROLE_IDS[g[0].toLowerCase()];
      if (name) return { name, start: node.start, end: node.end, literal: false };
    }
  }
  return undefined;
}

/** `variables('x')` followed by property steps (ARM expressions). */
const ARM_LOOKUP = /\bvariables\(\s*'(\w+)'\s*\)((?:\s*(?:\.\s*\w+|\[\s*(?:'[^']*'|(?:parameters|variables)\(\s*'\w+'\s*\))\s*\]))+)/g;
/** One step: `.name`, `['name']`, or `[parameters('p')]` / `[variables('v')]` whose value is the key. */
const ARM_STEP = /\.\s*(\w+)|\[\s*(?:'([^']*)'|(?:parameters|variables)\(\s*'(\w+)'\s*\))\s*\]/g;

/**
 * A variable, parameter default or `existing` resource, followed along a property path; only a
 * single value counts (an object of several role ids does not say which one is used).
 */
function resolve(template: AzureTemplate, name: string, path: string[]): SourceNode | undefined {
  let node = template.values.get(name);
  if (!node) return undefined;
  const existingId = node.type === 'map' && get(node, 'name') && path.length === 1 && (path[0] === 'id' || path[0] === 'name');
  if (existingId) node = get(node, 'name');
  else for (const key of path) node = get(node, key);
  return node && (node.type === 'scalar' || node.type === 'expr') ? node : undefined;
}

/** The scope an assignment's `scope` property names; undefined when it is a resource or unknown. */
function scopeOf(node: SourceNode, text: string): DeploymentScope | undefined {
  const written = sourceOf(node, text)
    .replace(/^\[|\]$/g, '')
    .trim();
  if (/^subscription\(\s*\)(?:\.id)?$/.test(written) || /^\/subscriptions\/[^/]+\/?$/i.test(written)) return 'subscription';
  if (/^managementGroup\(/.test(written) || /\/managementGroups\/[^/]+\/?$/i.test(written)) return 'managementGroup';
  if (/^tenant\(\s*\)(?:\.id)?$/.test(written) || written === '/') return 'tenant';
  if (/^resourceGroup\(\s*\)(?:\.id)?$/.test(written)) return 'resourceGroup';
  return undefined;
}

function roleAssignmentIssue(r: AzureResource, template: AzureTemplate, text: string): TemplateIssue | undefined {
  const roleNode = get(r.body, 'properties', 'roleDefinitionId');
  if (!roleNode) return undefined;
  const scopeNode = get(r.body, 'scope');
  const level = scopeNode ? scopeOf(scopeNode, text) : (r.scope ?? template.scope);
  if (!level || level === 'resourceGroup') return undefined;
  const role = privilegedRole(roleNode, template, text);
  if (!role) return undefined;
  return {
    check: 'azure-privileged-role-assignment',
    start: role.start,
    end: role.end,
    resource: r.name,
    subject: `${r.name}|${role.name}`,
    message: `${r.name} assigns ${role.name} at ${SCOPE_WORDS[level]} scope: assign a narrower role on the resource group or resource that needs it`,
    // Only a literal id can be swapped for another (Reader's); a reference is changed where it is defined.
    ...(role.literal ? { narrower: [READER_ROLE_ID] } : {}),
  };
}

/** One issue per permissions entry: every action, or writing role assignments or definitions (as in Terraform and role JSON). */
function customRoleIssues(r: AzureResource): TemplateIssue[] {
  const props = get(r.body, 'properties');
  const roleName = stringValue(get(props, 'roleName')) ?? r.name;
  return itemsOf(get(props, 'permissions')).flatMap((p) => {
    const issue = azureRoleActionsIssue(stringsOf(get(p, 'actions')), r.name, `Custom role "${roleName}" (${r.name}) is`);
    return issue ? [issue] : [];
  });
}

/** One issue per access policy granting "all" on some kind: at the first such list, the others as related locations. */
function accessPolicyIssues(r: AzureResource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  itemsOf(get(r.body, 'properties', 'accessPolicies')).forEach((policy, p) => {
    const permissions = get(policy, 'permissions');
    if (permissions?.type !== 'map') return;
    const offending = permissions.entries.flatMap((e) =>
      stringsOf(e.value)
        .filter((item) => item.value.toLowerCase() === 'all')
        .slice(0, 1)
        .map((item) => ({ kind: e.key, start: item.start, end: item.end })),
    );
    if (!offending.length) return;
    const [first, ...more] = offending;
    issues.push({
      check: 'azure-key-vault-all-permissions',
      start: first.start,
      end: first.end,
      resource: r.name,
      subject: `${r.name}|${p}`,
      message: `Access policy ${p + 1} of ${r.name} grants every ${[first, ...more].map((o) => o.kind).join(', ')} permission ("all"), including delete and purge: list the operations the identity needs`,
      ...(more.length ? { related: more.map((o) => ({ start: o.start, end: o.end, message: `every ${o.kind} permission ("all")` })) } : {}),
    });
  });
  return issues;
}

function ownerIssue(r: AzureResource, template: AzureTemplate, text: string, keys: string[]): TemplateIssue | undefined {
  const tags = get(r.body, 'tags');
  if (tags?.type === 'map' && tags.entries.some((e) => isOwnerKey(e.key, keys))) return undefined;
  // A map of literal tags can be read; `tags: tags`, `union(…)` or "[parameters('tags')]" cannot.
  const computed =
    (tags && tags.type !== 'map') || (tags?.type === 'map' && tags.entries.some((e) => e.key.startsWith('[') || e.key.includes('${')));
  if (computed)
    return {
      check: 'owner-tag-not-static',
      start: r.start,
      end: r.end,
      resource: r.name,
      subject: r.name,
      message: `${r.name}: the tags are computed, so an "${keys[0]}" tag on this managed identity cannot be confirmed statically`,
    };
  const edit =
    template.language === 'bicep'
      ? bicepTagEdit(text, r.body, tags, keys[0])
      : template.language === 'arm'
        ? armTagEdit(text, r.body, tags, keys[0])
        : undefined;
  return {
    check: 'missing-owner-tag',
    start: r.start,
    end: r.end,
    resource: r.name,
    subject: r.name,
    message: `Managed identity ${r.name} has no "${keys[0]}" tag: nobody is accountable for this identity`,
    ...(edit ? { fix: { title: `Add an "${keys[0]}" tag`, edits: [edit] } } : {}),
  };
}

function bicepTagEdit(text: string, body: SourceNode, tags: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const pair = `${key}: '${OWNER_PLACEHOLDER}'`;
  const firstTag = tags?.type === 'map' ? tags.entries[0] : undefined;
  if (firstTag && startsLine(text, firstTag.keyStart - (text[firstTag.keyStart - 1] === "'" ? 1 : 0))) {
    const at = lineStartOf(text, firstTag.keyStart);
    return { start: at, end: at, newText: `${indentAt(text, firstTag.keyStart)}${pair}\n` };
  }
  if (tags || body.type !== 'map' || !body.entries[0] || !startsLine(text, body.entries[0].keyStart)) return undefined;
  const first = body.entries[0];
  const indent = indentAt(text, first.keyStart);
  const at = lineStartOf(text, first.keyStart);
  return { start: at, end: at, newText: `${indent}tags: {\n${indent}${indentUnit(text)}${pair}\n${indent}}\n` };
}

function armTagEdit(text: string, body: SourceNode, tags: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const keyLineStarts = (offset: number) => startsLine(text, offset - (text[offset - 1] === '"' ? 1 : 0));
  const firstTag = tags?.type === 'map' ? tags.entries[0] : undefined;
  if (firstTag && keyLineStarts(firstTag.keyStart)) {
    const at = lineStartOf(text, firstTag.keyStart);
    return { start: at, end: at, newText: `${indentAt(text, firstTag.keyStart)}"${key}": "${OWNER_PLACEHOLDER}",\n` };
  }
  const first = body.type === 'map' ? body.entries[0] : undefined;
  if (tags || !first || !keyLineStarts(first.keyStart)) return undefined;
  const at = lineStartOf(text, first.keyStart);
  return { start: at, end: at, newText: `${indentAt(text, first.keyStart)}"tags": { "${key}": "${OWNER_PLACEHOLDER}" },\n` };
}
