import type { HclBlock, HclExpr } from '../hcl/hclParser';
import { azureRoleActionsIssue } from '../azure/roleDefinitionAnalyzer';
import { attribute, blocksOf } from '../hcl/hclSource';
import type { IacIssue, IssueFrom } from '../iacIssue';
import { addressOf, type TerraformFile } from './terraformModule';
import { possibleStrings } from './terraformValueFlow';

const GCP_PRIMITIVE: Record<string, string> = { 'roles/owner': 'Owner', 'roles/editor': 'Editor' };
const GCP_IMPERSONATION: Record<string, string> = {
  'roles/iam.serviceaccounttokencreator': 'mint tokens for every service account',
  'roles/iam.serviceaccountuser': 'act as every service account',
};
/**
 * Google-managed service agents (`service-123@gcp-sa-pubsub.iam.gserviceaccount.com`,
 * `123@cloudservices.gserviceaccount.com`, `…@container-engine-robot…`), or a
 * `google_project_service_identity` reference: the members service-agent roles are meant for.
 */
const isServiceAgent = (member: string) =>
  /@(?:gcp-sa-[\w-]+|cloudservices|[\w-]*robot[\w-]*|compute-system|cloudbuild|dataflow-service-producer-prod|cloud-ml\.google|gcf-admin-robot)\.(?:iam\.)?gserviceaccount\.com$/i.test(
    member,
  ) ||
  /google_project_service_identity\./.test(member) ||
  /^serviceAccount:service-\$\{/.test(member);
const GCP_LEVEL = /^google_(project|folder|organization)_iam_(member|binding)$/;
const SERVICE_ACCOUNT_GRANT = /^google_service_account_iam_(member|binding)$/;
/**
 * A whole Workspace or Cloud Identity domain: everyone with an account in it. A `group:` is a
 * named team someone manages, the usual way to give people a role (the team corpus keeps
 * serviceAccountUser on one account for a group as fine), so it is not a crowd here.
 */
const isCrowd = (member: string) => /^domain:/i.test(member);

export function stringOf(expr: HclExpr | undefined): { value: string; start: number; end: number } | undefined {
  return expr?.kind === 'string' && !expr.templated ? { value: expr.value, start: expr.start + 1, end: expr.end - 1 } : undefined;
}

type At = { value: string; start: number; end: number };

/**
 * The roles a grant's `role` may be: its literal, or the literals it stands for in the same file
 * (a `locals` entry, each member of the block's `for_each` list or map: `role = each.value` over
 * `toset(local.roles)`), positioned where they are written.
 */
export function rolesOf(file: TerraformFile, block: HclBlock): At[] {
  const expr = attribute(block.body, 'role')?.value;
  if (!expr) return [];
  const literal = stringOf(expr);
  if (literal) return [literal];
  return possibleStrings(file, block, expr).map((s) => ({ value: s.value, start: s.start + 1, end: s.end - 1 }));
}

export function membersOf(block: HclBlock): string[] {
  const member = attribute(block.body, 'member')?.value;
  const members = attribute(block.body, 'members')?.value;
  const all = [member, ...(members?.kind === 'tuple' ? members.items : [])];
  return all.flatMap((m) => (m?.kind === 'string' ? [m.value] : []));
}

/** Shared with Pulumi programs (pulumiOtherProviders.ts), which grant the same roles. */
export function gcpRoleIssue(
  role: { value: string; start: number; end: number },
  level: string,
  members: string[],
  address: string,
): IacIssue<'gcp-primitive-role' | 'gcp-service-agent-role' | 'gcp-impersonation-role'> | undefined {
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
  const agentRole = /^roles\/[\w.]+\.serviceagent$/.test(key);
  const notAgents = agentRole ? members.filter((m) => !isServiceAgent(m)) : [];
  if (notAgents.length) {
    return {
      check: 'gcp-service-agent-role',
      ...role,
      resource: address,
      subject: `${address}|${key}`,
      message: `${address} grants the service-agent role ${role.value} to ${notAgents[0]}${notAgents.length > 1 ? ` and ${notAgents.length - 1} more` : ''}: service-agent roles are broad and meant only for Google-managed service agents; grant a predefined role instead`,
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

/** The literal strings of a member list (or a single member). */
const stringsIn = (expr: HclExpr): string[] =>
  (expr.kind === 'tuple' ? expr.items : [expr]).flatMap((m) => (m.kind === 'string' && !m.templated ? [m.value] : []));

/** An impersonation role given to a whole domain, in whatever scope: everyone in it can act as the account(s). */
function crowdImpersonationIssue(
  role: { value: string; start: number; end: number },
  members: string[],
  address: string,
): IssueFrom<'terraform'> | undefined {
  const key = role.value.toLowerCase();
  const crowd = members.find(isCrowd);
  if (!GCP_IMPERSONATION[key] || !crowd) return undefined;
  return {
    check: 'gcp-impersonation-role',
    ...role,
    resource: address,
    subject: `${address}|${key}|${crowd.toLowerCase()}`,
    message: `${address} grants ${role.value} to ${crowd}: everyone in it can ${GCP_IMPERSONATION[key].replace(/every service account/, 'the service account(s)')}; grant it to the identities that need it`,
  };
}

export function gcpRoleIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesWhere((type) => GCP_LEVEL.test(type))) {
    const m = GCP_LEVEL.exec(block.labels[0].value)!;
    for (const role of rolesOf(file, block)) {
      const issue = gcpRoleIssue(role, m[1], membersOf(block), addressOf(block));
      if (issue) issues.push(issue);
    }
  }
  // On one service account, impersonation is what the role is for, unless a whole domain gets it.
  for (const block of file.resourcesWhere((type) => SERVICE_ACCOUNT_GRANT.test(type))) {
    for (const role of rolesOf(file, block)) {
      const issue = crowdImpersonationIssue(role, membersOf(block), addressOf(block));
      if (issue) issues.push(issue);
    }
  }
  // Modules take roles as map keys (`bindings = { "roles/editor" = [...] }`) or as
  // `"project=>roles/editor"` strings (terraform-google-modules); either way a project-level grant.
  for (const module of blocksOf(file.parsed.body, 'module')) {
    const address = `module.${module.labels[0]?.value ?? '?'}`;
    const visit = (expr: HclExpr) => {
      if (expr.kind === 'object') {
        for (const item of expr.items) {
          const key = item.key?.toLowerCase();
          const role = { value: item.key!, start: item.keyStart, end: item.keyEnd };
          const issue =
            key && GCP_PRIMITIVE[key]
              ? gcpRoleIssue(role, 'project', [], address)
              : key && GCP_IMPERSONATION[key]
                ? crowdImpersonationIssue(role, stringsIn(item.value), address)
                : undefined;
          if (issue) issues.push(issue);
          else visit(item.value);
        }
      } else if (expr.kind === 'tuple') expr.items.forEach(visit);
      else if (expr.kind === 'string' && !expr.templated) {
        const m = /(?:^|=>)(roles\/(?:owner|editor))$/i.exec(expr.value);
        const issue = m && gcpRoleIssue({ value: m[1], start: expr.end - 1 - m[1].length, end: expr.end - 1 }, 'project', [], address);
        if (issue) issues.push(issue);
      }
    };
    for (const a of module.body.attributes) visit(a.value);
  }
  issues.push(...defaultServiceAccountIssues(file));
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

/** The default compute service account, named in any of the ways Terraform code names it. */
const isDefaultComputeAccount = (text: string) =>
  /google_compute_default_service_account\.[\w-]+\.email/.test(text) ||
  /-compute@developer\.gserviceaccount\.com$/.test(text) ||
  text === 'default';

/**
 * VMs and node pools on the default compute service account. A VM or instance template with a
 * `service_account` block and no email runs as the default account (with no block it runs with
 * none). GKE nodes run as the default account unless `node_config.service_account` names
 * another: a node pool with no node_config, a cluster's default pool (unless
 * `remove_default_node_pool`), inline `node_pool` blocks and Autopilot clusters without
 * `cluster_autoscaling.auto_provisioning_defaults.service_account`. One finding per resource,
 * the other places (more inline pools) as related locations.
 */
function defaultServiceAccountIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  const report = (block: HclBlock, places: Array<{ start: number; end: number; what: string }>) => {
    if (!places.length) return;
    const address = addressOf(block);
    const [first, ...rest] = places;
    issues.push({
      check: 'gcp-default-service-account',
      start: first.start,
      end: first.end,
      resource: address,
      subject: `${address}|default-compute`,
      message: `${address} ${first.what} the default compute service account, which has the Editor role in most projects: give it a dedicated service account${rest.length ? ` (${rest.length} more: see related locations)` : ''}`,
      ...(rest.length
        ? {
            related: rest.map((p) => ({
              start: p.start,
              end: p.end,
              message: `${address}: ${p.what} the default compute service account`,
            })),
          }
        : {}),
    });
  };
  for (const block of file.resourcesOf(
    'google_compute_instance',
    'google_compute_instance_template',
    'google_compute_region_instance_template',
  )) {
    const places: Array<{ start: number; end: number; what: string }> = [];
    for (const sa of blocksOf(block.body, 'service_account')) {
      const email = attribute(sa.body, 'email')?.value;
      const text = refText(email);
      if (!email) places.push({ start: sa.start, end: sa.open, what: 'names no email, so it runs as' });
      else if (text !== undefined && isDefaultComputeAccount(text)) places.push({ ...email, what: 'runs as' });
    }
    report(block, places);
  }
  for (const block of file.resourcesOf('google_container_node_pool')) {
    const configs = blocksOf(block.body, 'node_config');
    report(
      block,
      configs.length ? configs.flatMap(nodeConfigPlace) : [{ ...headerOf(block), what: 'has no node_config, so its nodes run as' }],
    );
  }
  for (const block of file.resourcesOf('google_container_cluster')) report(block, clusterPlaces(block));
  return issues;
}

const refText = (expr: HclExpr | undefined) => (expr?.kind === 'string' ? expr.value : expr?.kind === 'ref' ? expr.text : undefined);
const headerOf = (block: HclBlock) => ({ start: block.start, end: block.labels[block.labels.length - 1]?.end ?? block.open });

/** A node_config that names no service account, or names the default one. */
function nodeConfigPlace(config: HclBlock): Array<{ start: number; end: number; what: string }> {
  const email = attribute(config.body, 'service_account');
  if (!email) return [{ start: config.start, end: config.open, what: 'sets no service_account, so its nodes run as' }];
  const text = refText(email.value);
  return text !== undefined && isDefaultComputeAccount(text)
    ? [{ start: email.nameStart, end: email.value.end, what: 'runs its nodes as' }]
    : [];
}

const isTrue = (expr: HclExpr | undefined) => expr?.kind === 'literal' && expr.value === true;

/** Where a GKE cluster's nodes run as the default account: its default pool, inline pools, or Autopilot nodes. */
function clusterPlaces(block: HclBlock): Array<{ start: number; end: number; what: string }> {
  const autopilot = attribute(block.body, 'enable_autopilot');
  if (autopilot && !isTrue(autopilot.value)) {
    if (autopilot.value.kind !== 'literal') return []; // a variable: cannot tell which mode
  } else if (autopilot) {
    const defaults = blocksOf(block.body, 'cluster_autoscaling').flatMap((c) => blocksOf(c.body, 'auto_provisioning_defaults'));
    const email = defaults.map((d) => attribute(d.body, 'service_account')).find(Boolean);
    if (!email)
      return [
        {
          start: autopilot.nameStart,
          end: autopilot.value.end,
          what: 'is an Autopilot cluster with no auto_provisioning_defaults service_account, so its nodes run as',
        },
      ];
    const text = refText(email.value);
    return text !== undefined && isDefaultComputeAccount(text)
      ? [{ start: email.nameStart, end: email.value.end, what: 'runs its nodes as' }]
      : [];
  }
  // Pools written in a dynamic block cannot be read; inline pools replace the default pool.
  if (blocksOf(block.body, 'dynamic').some((d) => d.labels[0]?.value === 'node_pool')) return [];
  const pools = blocksOf(block.body, 'node_pool');
  if (pools.length)
    return pools.flatMap((pool) => {
      const configs = blocksOf(pool.body, 'node_config');
      return configs.length
        ? configs.flatMap(nodeConfigPlace)
        : [{ start: pool.start, end: pool.open, what: 'has a node_pool with no node_config, whose nodes run as' }];
    });
  const remove = attribute(block.body, 'remove_default_node_pool');
  if (remove && (isTrue(remove.value) || remove.value.kind !== 'literal')) return []; // removed, or unknown
  const configs = blocksOf(block.body, 'node_config');
  return configs.length
    ? configs.flatMap(nodeConfigPlace)
    : [{ ...headerOf(block), what: 'keeps its default node pool with no node_config, whose nodes run as' }];
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

/** The built-in role a role definition id names: its last segment is the GUID, the same in every tenant. */
const builtinById = (id: string) => AZURE_PRIVILEGED_IDS[id.slice(id.lastIndexOf('/') + 1).toLowerCase()];

/**
 * The privileged built-in role an `azurerm_role_assignment` assigns, and where to report it. The
 * role is read by name (`role_definition_name`, literal or through `locals`/`for_each`) or by id:
 * a literal id whose last segment is the built-in GUID (the prefix may be interpolated:
 * "${data.azurerm_subscription.primary.id}/providers/Microsoft.Authorization/roleDefinitions/<guid>"),
 * that GUID kept in a local ("…/roleDefinitions/${local.contributor_id}", `local.contributor_id`),
 * or a `data "azurerm_role_definition"` of the file looked up by name or id.
 */
function azurePrivilegedRole(file: TerraformFile, block: HclBlock): { at: At; name: string; narrowable?: boolean } | undefined {
  const nameExpr = attribute(block.body, 'role_definition_name')?.value;
  const literalName = stringOf(nameExpr);
  const names = literalName ? [literalName] : nameExpr ? possibleStrings(file, block, nameExpr).map(inner) : [];
  const byName = names.find((n) => AZURE_PRIVILEGED[n.value.toLowerCase()]);
  // Only a name written in the assignment itself can be swapped for a narrower one in place.
  if (byName) return { at: byName, name: AZURE_PRIVILEGED[byName.value.toLowerCase()], narrowable: byName === literalName };
  const idExpr = attribute(block.body, 'role_definition_id')?.value;
  if (!idExpr) return undefined;
  const text = idExpr.kind === 'string' ? idExpr.value : idExpr.kind === 'ref' ? idExpr.text : '';
  const at: At =
    idExpr.kind === 'string' ? { value: text, start: idExpr.start + 1, end: idExpr.end - 1 } : { value: text, ...span(idExpr) };
  const ids = [...(idExpr.kind === 'string' ? [text] : []), ...possibleStrings(file, block, idExpr).map((s) => s.value)];
  // The GUID interpolated from a local: "…/roleDefinitions/${local.contributor_id}".
  const local = /\$\{\s*local\.([\w-]+)\s*\}$/.exec(text)?.[1];
  const localValue = local && stringOf(file.local(local));
  if (localValue) ids.push(localValue.value);
  // A role definition looked up by a data source of the file, by name or by id.
  for (const m of text.matchAll(/\bdata\.azurerm_role_definition\.([\w-]+)\.(?:id|role_definition_id)\b/g)) {
    const data = file.dataSources.find((d) => d.labels[0].value === 'azurerm_role_definition' && d.labels[1].value === m[1]);
    if (!data) continue;
    const dataName = stringOf(attribute(data.body, 'name')?.value);
    if (dataName && AZURE_PRIVILEGED[dataName.value.toLowerCase()]) return { at, name: AZURE_PRIVILEGED[dataName.value.toLowerCase()] };
    const dataId = stringOf(attribute(data.body, 'role_definition_id')?.value);
    if (dataId) ids.push(dataId.value);
  }
  const id = ids.find((i) => builtinById(i));
  return id ? { at, name: builtinById(id) } : undefined;
}

const span = (e: { start: number; end: number }) => ({ start: e.start, end: e.end });
const inner = (s: { value: string; start: number; end: number }): At => ({ value: s.value, start: s.start + 1, end: s.end - 1 });

export function azureRoleIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('azurerm_role_assignment')) {
    const level = azureScopeLevel(attribute(block.body, 'scope')?.value);
    if (!level) continue;
    const address = addressOf(block);
    const role = azurePrivilegedRole(file, block);
    if (!role) continue;
    issues.push({
      check: 'azure-privileged-role-assignment',
      start: role.at.start,
      end: role.at.end,
      resource: address,
      subject: `${address}|${role.name}`,
      message: `${address} assigns ${role.name} at ${level} scope: assign a narrower role on the resource group or resource that needs it`,
      // A role name written here; an id (a GUID, a data source) is not replaced by a name.
      ...(role.narrowable ? { narrower: ['Reader'] } : {}),
    });
  }
  for (const block of file.resourcesOf('azurerm_role_definition')) {
    const address = addressOf(block);
    for (const permissions of blocksOf(block.body, 'permissions')) {
      const actions = attribute(permissions.body, 'actions')?.value;
      const items = (actions?.kind === 'tuple' ? actions.items : []).flatMap((i) =>
        i.kind === 'string' && !i.templated ? [{ value: i.value, start: i.start + 1, end: i.end - 1 }] : [],
      );
      const issue = azureRoleActionsIssue(items, address, `${address} is a custom role`);
      if (issue) issues.push(issue);
    }
  }
  return issues;
}
