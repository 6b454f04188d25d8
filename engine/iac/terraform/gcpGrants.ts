/**
 * GCP grants beyond the primitive roles: roles that administer IAM itself (granted on a project,
 * folder or organization they let the holder grant itself anything there), custom roles holding
 * the permissions that lead to the same (set an IAM policy, mint keys or tokens for a service
 * account, act as one), and bucket roles given to everyone (`allUsers`, `allAuthenticatedUsers`).
 */
import { attribute, blocksOf } from '../hcl/hclSource';
import type { IssueFrom } from '../iacIssue';
import { membersOf, rolesOf, stringOf } from './terraformCloudRoles';
import { addressOf, type TerraformFile } from './terraformModule';

/** Predefined roles that administer IAM in their scope, with what they let the holder do. */
export const IAM_ADMIN_ROLES: Record<string, string> = {
  'roles/resourcemanager.organizationadmin': 'set the IAM policy of the organization and of every folder and project in it',
  'roles/resourcemanager.folderadmin': 'set the IAM policy of the folder and of every project in it',
  'roles/resourcemanager.folderiamadmin': 'set the IAM policy of the folder',
  'roles/resourcemanager.projectiamadmin': 'set the IAM policy of the project',
  'roles/iam.securityadmin': 'set any IAM policy in its scope',
  'roles/iam.organizationroleadmin': 'create and change every custom role of the organization',
  'roles/iam.roleadmin': 'create and change custom roles',
  'roles/iam.serviceaccountkeyadmin': 'create keys for every service account in its scope',
};

/** Permissions that let a custom role's holder raise its own privileges, with how. */
const ESCALATION_PERMISSIONS: Array<[RegExp, string]> = [
  [/\.setiampolicy$/, 'set the IAM policy of the resource (grant anyone, itself included, any role)'],
  [/^iam\.serviceaccountkeys\.create$/, 'create keys for service accounts'],
  [/^iam\.serviceaccounts\.(?:actas|getaccesstoken|signblob|signjwt|implicitdelegation)$/, 'act as or mint tokens for service accounts'],
  [/^iam\.roles\.(?:create|update)$/, 'write custom roles, its own included'],
  [/^deploymentmanager\.deployments\.create$/, 'deploy as the project’s Google APIs service agent (Editor)'],
];
const escalation = (permission: string) => ESCALATION_PERMISSIONS.find(([p]) => p.test(permission.toLowerCase()));

const GCP_LEVEL = /^google_(project|folder|organization)_iam_(member|binding)$/;
const BUCKET_GRANT = /^google_storage_bucket_iam_(member|binding)$/;
const EVERYONE = /^(allUsers|allAuthenticatedUsers)$/;
const AUTHORITATIVE_POLICY = /^google_(project|folder|organization)_iam_policy$/;
const whoIs = (everyone: string) => (everyone === 'allUsers' ? 'anyone on the internet' : 'anyone with a Google account');

/**
 * The level each `data "google_iam_policy"` of the file is applied at, by the
 * google_{project,folder,organization}_iam_policy resource whose `policy_data` names it. A policy
 * applied to something else (a bucket, a service account) is absent: an IAM admin role there
 * administers only that resource. One applied nowhere in this file is taken as a project's.
 */
function policyDataLevels(file: TerraformFile): Map<string, string | undefined> {
  const levels = new Map<string, string | undefined>();
  for (const data of file.dataSources) if (data.labels[0].value === 'google_iam_policy') levels.set(data.labels[1].value, 'project');
  if (!levels.size) return levels; // no policy data source: nothing to apply
  const applied = new Set<string>();
  for (const block of file.resources) {
    const value = attribute(block.body, 'policy_data')?.value;
    const name = value && /data\.google_iam_policy\.([\w-]+)\./.exec(file.text.slice(value.start, value.end))?.[1];
    if (!name || !levels.has(name)) continue;
    const level = AUTHORITATIVE_POLICY.exec(block.labels[0].value)?.[1];
    // Applied at several places: the broadest level it reaches counts.
    if (level && (!applied.has(name) || levels.get(name) === undefined || level === 'organization')) levels.set(name, level);
    else if (!level && !applied.has(name)) levels.set(name, undefined);
    applied.add(name);
  }
  return levels;
}

/** The resource types `gcpGrantIssues` reads (any other reports nothing there). */
const isGrantOrCustomRole = (type: string) => GCP_LEVEL.test(type) || BUCKET_GRANT.test(type) || CUSTOM_ROLES.has(type);
const CUSTOM_ROLES = new Set(['google_project_iam_custom_role', 'google_organization_iam_custom_role']);

export function gcpGrantIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesWhere(isGrantOrCustomRole)) {
    const type = block.labels[0].value;
    const address = addressOf(block);
    const level = GCP_LEVEL.exec(type);
    const roles = level || BUCKET_GRANT.test(type) ? rolesOf(file, block) : [];
    for (const role of level ? roles : []) {
      if (!IAM_ADMIN_ROLES[role.value.toLowerCase()]) continue;
      issues.push({
        check: 'gcp-iam-admin-role',
        ...role,
        resource: address,
        subject: `${address}|${role.value.toLowerCase()}`,
        message: `${address} grants ${role.value} at ${level![1]} level: it can ${IAM_ADMIN_ROLES[role.value.toLowerCase()]}, so it can grant itself any role there`,
      });
    }
    // One finding per grant to everyone, at its (first) role.
    const everyone = roles.length ? membersOf(block).find((m) => EVERYONE.test(m)) : undefined;
    if (everyone) {
      const on = level ? `the ${level[1]}` : 'the bucket';
      issues.push({
        check: 'gcp-public-access',
        ...roles[0],
        resource: address,
        subject: `${address}|${everyone}`,
        message: `${address} grants ${roles.map((r) => r.value).join(', ')} on ${on} to ${everyone} (${whoIs(everyone)})`,
      });
    }
    if (CUSTOM_ROLES.has(type)) {
      const permissions = attribute(block.body, 'permissions')?.value;
      const offending = (permissions?.kind === 'tuple' ? permissions.items : [])
        .map((p) => stringOf(p))
        .filter((p): p is NonNullable<typeof p> => !!p && !!escalation(p.value));
      if (!offending.length) continue;
      const [first, ...more] = offending;
      issues.push({
        check: 'gcp-custom-role-escalation',
        ...first,
        resource: address,
        subject: `${address}|${first.value.toLowerCase()}`,
        message: `${address} is a custom role with ${first.value}: its holder can ${escalation(first.value)![1]}${more.length ? ` (${more.length} more such permission${more.length > 1 ? 's' : ''}: see related locations)` : ''}`,
        ...(more.length
          ? { related: more.map((p) => ({ start: p.start, end: p.end, message: `${p.value}: can ${escalation(p.value)![1]}` })) }
          : {}),
      });
    }
  }
  issues.push(...policyDataIssues(file));
  return issues;
}

/**
 * The bindings of `data "google_iam_policy"` (applied authoritatively by google_*_iam_policy):
 * IAM admin roles at the level the policy is applied at, and any role given to everyone.
 */
function policyDataIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  const levels = policyDataLevels(file);
  for (const data of file.dataSources) {
    if (data.labels[0].value !== 'google_iam_policy') continue;
    const address = addressOf(data);
    const level = levels.get(data.labels[1].value);
    for (const binding of blocksOf(data.body, 'binding')) {
      const role = stringOf(attribute(binding.body, 'role')?.value);
      if (!role) continue;
      const key = role.value.toLowerCase();
      const everyone = membersOf(binding).find((m) => EVERYONE.test(m));
      if (level && IAM_ADMIN_ROLES[key])
        issues.push({
          check: 'gcp-iam-admin-role',
          ...role,
          resource: address,
          subject: `${address}|${key}`,
          message: `${address} binds ${role.value} in the ${level}'s IAM policy: it can ${IAM_ADMIN_ROLES[key]}, so it can grant itself any role there`,
        });
      else if (everyone)
        issues.push({
          check: 'gcp-public-access',
          ...role,
          resource: address,
          subject: `${address}|${key}|${everyone}`,
          message: `${address} binds ${role.value} to ${everyone} (${whoIs(everyone)})`,
        });
    }
  }
  return issues;
}
