import type { HclBlock, HclExpr } from '../hcl/hclParser';
import { attribute, blocksOf } from '../hcl/hclSource';
import type { IssueFrom } from '../iacIssue';
import { addressOf, type TerraformFile } from './terraformModule';

const GCP_PRIMITIVE: Record<string, string> = { 'roles/owner': 'Owner', 'roles/editor': 'Editor' };
const GCP_IMPERSONATION: Record<string, string> = {
  'roles/iam.serviceaccounttokencreator': 'mint tokens for every service account',
  'roles/iam.serviceaccountuser': 'act as every service account',
};
const GCP_LEVEL = /^google_(project|folder|organization)_iam_(member|binding)$/;

function stringOf(expr: HclExpr | undefined): { value: string; start: number; end: number } | undefined {
  return expr?.kind === 'string' && !expr.templated ? { value: expr.value, start: expr.start + 1, end: expr.end - 1 } : undefined;
}

function membersOf(block: HclBlock): string[] {
  const member = attribute(block.body, 'member')?.value;
  const members = attribute(block.body, 'members')?.value;
  const all = [member, ...(members?.kind === 'tuple' ? members.items : [])];
  return all.flatMap((m) => (m?.kind === 'string' ? [m.value] : []));
}

function gcpRoleIssue(
  role: { value: string; start: number; end: number },
  level: string,
  members: string[],
  address: string,
): IssueFrom<'terraform'> | undefined {
  const key = role.value.toLowerCase();
  const toServiceAccount = members.some((m) => m.startsWith('serviceAccount:'));
  const who = toServiceAccount ? ' to a service account' : '';
  if (GCP_PRIMITIVE[key]) {
    return {
      check: 'gcp-primitive-role',
      ...role,
      resource: address,
      subject: `${address}|${key}`,
      message: `${address} grants the primitive ${GCP_PRIMITIVE[key]} role at ${level} level${who}: use predefined roles scoped to what is needed`,
      narrower: ['roles/viewer'],
    };
  }
  if (GCP_IMPERSONATION[key]) {
    return {
      check: 'gcp-impersonation-role',
      ...role,
      resource: address,
      subject: `${address}|${key}`,
      message: `${address} grants ${role.value} at ${level} level${who}: it can ${GCP_IMPERSONATION[key]} in the ${level}; grant it on the one service account instead`,
    };
  }
  return undefined;
}

export function gcpRoleIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resources) {
    const m = GCP_LEVEL.exec(block.labels[0].value);
    if (!m) continue;
    const role = stringOf(attribute(block.body, 'role')?.value);
    const issue = role && gcpRoleIssue(role, m[1], membersOf(block), addressOf(block));
    if (issue) issues.push(issue);
  }
  // `data "google_iam_policy"` bindings are applied with google_*_iam_policy, usually on a project.
  for (const data of file.dataSources.filter((d) => d.labels[0].value === 'google_iam_policy')) {
    for (const binding of blocksOf(data.body, 'binding')) {
      const role = stringOf(attribute(binding.body, 'role')?.value);
      const issue = role && gcpRoleIssue(role, 'project', membersOf(binding), addressOf(data));
      if (issue) issues.push(issue);
    }
  }
  return issues;
}

const AZURE_PRIVILEGED: Record<string, string> = {
  owner: 'Owner',
  contributor: 'Contributor',
  'user access administrator': 'User Access Administrator',
};
/** Built-in role definition ids, the same in every tenant. */
const AZURE_PRIVILEGED_IDS: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** `subscription`, `management group`, or undefined for narrower or unknown scopes. */
function azureScopeLevel(scope: HclExpr | undefined): string | undefined {
  if (!scope) return undefined;
  const text = scope.kind === 'string' ? scope.value : scope.kind === 'ref' ? scope.text : '';
  if (/managementGroups\//i.test(text) || /^(?:data\.)?azurerm_management_group\.[\w-]+\.id$/.test(text)) return 'management group';
  if (
    /^\/subscriptions\/[^/]+\/?$/i.test(text) ||
    /^data\.azurerm_subscription\.[\w-]+\.(?:id|primary\.id)$/.test(text) ||
    /^azurerm_subscription\.[\w-]+\.id$/.test(text)
  )
    return 'subscription';
  return undefined;
}

export function azureRoleIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('azurerm_role_assignment')) {
    const level = azureScopeLevel(attribute(block.body, 'scope')?.value);
    if (!level) continue;
    const address = addressOf(block);
    const byName = stringOf(attribute(block.body, 'role_definition_name')?.value);
    const byId = stringOf(attribute(block.body, 'role_definition_id')?.value);
    const role =
      byName && AZURE_PRIVILEGED[byName.value.toLowerCase()]
        ? { at: byName, name: AZURE_PRIVILEGED[byName.value.toLowerCase()] }
        : byId && AZURE_PRIVILEGED_IDS[byId.value.slice(byId.value.lastIndexOf('/') + 1).toLowerCase()]
          ? { at: byId, name: AZURE_PRIVILEGED_IDS[byId.value.slice(byId.value.lastIndexOf('/') + 1).toLowerCase()] }
          : undefined;
    if (!role) continue;
    issues.push({
      check: 'azure-privileged-role-assignment',
      start: role.at.start,
      end: role.at.end,
      resource: address,
      subject: `${address}|${role.name}`,
      message: `${address} assigns ${role.name} at ${level} scope: assign a narrower role on the resource group or resource that needs it`,
      narrower: ['Reader'],
    });
  }
  for (const block of file.resourcesOf('azurerm_role_definition')) {
    const address = addressOf(block);
    for (const permissions of blocksOf(block.body, 'permissions')) {
      const actions = attribute(permissions.body, 'actions')?.value;
      for (const item of actions?.kind === 'tuple' ? actions.items : []) {
        if (item.kind === 'string' && item.value === '*') {
          issues.push({
            check: 'azure-custom-role-wildcard',
            start: item.start + 1,
            end: item.end - 1,
            resource: address,
            subject: `${address}|*`,
            message: `${address} is a custom role allowed every action ("*"): list the operations it needs`,
          });
        }
      }
    }
  }
  return issues;
}
