import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { PRIVILEGED_MANAGED_POLICIES, privilegedManagedPolicy } from '../aws/iamRiskData';
import { mentionOf, mentions, namedAsBoundary } from '../aws/permissionsBoundary';
import { hclToSource, inlineDocument, attribute, blocksOf } from '../hcl/hclSource';
import type { HclBlock, HclBody, HclExpr } from '../hcl/hclParser';
import type { IacAnalysis, IacContext, IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { blockPolicyIssues } from './blockPolicyMemo';
import { azureRoleIssues, gcpRoleIssues } from './terraformCloudRoles';
import { gcpGrantIssues } from './gcpGrants';
import { addressOf, headerRange, type TerraformFile } from './terraformModule';
import { keyVaultAccessPolicyIssues } from './terraformKeyVault';
import { kubernetesProviderIssues } from './terraformKubernetes';
import { possibleStrings } from './terraformValueFlow';
import { moduleCallerOwnerIssues } from './terraformModuleOwners';
import { terraformOwnershipIssues } from './terraformOwnership';

/** Attributes that hold an IAM policy document, on any resource that has them (`access_policies`: OpenSearch/Elasticsearch domains). */
const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy', 'policy_document', 'inline_policy', 'access_policies'];

/** Analyses one Terraform file: IAM policies, managed-policy attachments, cloud roles, owners, static keys. */
export function analyseTerraform(file: TerraformFile, path: string, ctx: IacContext): IacAnalysis {
  // Kept per block between scans of an open file (blockPolicyMemo.ts): the same as analysing
  // every document of the file here.
  const boundaries = boundaryPolicies(file);
  const issues: IssueFrom<'terraform' | 'aws-policy'>[] = blockPolicyIssues([...file.resources, ...file.dataSources], ctx, {
    documentsOf: policyDocumentsOf,
    actionsOf: collectActions,
    analyse: (doc, block, fileActions) =>
      analysePolicy(doc, { resource: addressOf(block), settings: ctx.settings, iam: ctx.iam, fileActions }),
  }).filter((issue) => !boundaries.has(issue.resource));
  issues.push(...managedPolicyIssues(file), ...credentialIssues(file), ...gcpRoleIssues(file), ...azureRoleIssues(file));
  issues.push(...gcpGrantIssues(file), ...keyVaultAccessPolicyIssues(file));
  issues.push(...kubernetesProviderIssues(file, path, ctx.settings.ownerTags), ...lambdaPermissionIssues(file));
  issues.push(...terraformOwnershipIssues(file, path, ctx), ...moduleCallerOwnerIssues(file, path, ctx));
  const error = file.parsed.errors[0];
  return { issues, parseError: error && { message: `Terraform syntax error: ${error.message}`, start: error.start, end: error.end } };
}

/**
 * The addresses of `aws_iam_policy` resources that are permissions boundaries
 * (engine/iac/aws/permissionsBoundary.ts), and of the `aws_iam_policy_document` data sources only
 * they use: named so (label, `name`, `name_prefix`) or referenced by a `permissions_boundary`, and
 * attached nowhere (no `policy_arn`, `policy_arns` or `managed_policy_arns` refers to them).
 */
function boundaryPolicies(file: TerraformFile): Set<string> {
  const found = new Set<string>();
  const policies = file.resourcesOf('aws_iam_policy');
  if (!policies.length) return found;
  const sources = (names: string[]) =>
    file.resources.flatMap((b) =>
      names.flatMap((n) => {
        const a = attribute(b.body, n);
        return a ? [file.text.slice(a.start, a.end)] : [];
      }),
    );
  const literal = (b: HclBlock, n: string) => {
    const v = attribute(b.body, n)?.value;
    return v?.kind === 'string' ? v.value : undefined;
  };
  const boundaryRefs = sources(['permissions_boundary']);
  const named = (b: HclBlock) => [b.labels[1].value, literal(b, 'name'), literal(b, 'name_prefix')].some(namedAsBoundary);
  // Most files have no boundary at all: nothing more is read then (this runs on every re-check).
  const candidates = policies.filter((p) => named(p) || boundaryRefs.some((t) => mentions(t, addressOf(p))));
  if (!candidates.length) return found;
  const attachRefs = sources(['policy_arn', 'policy_arns', 'managed_policy_arns']);
  for (const policy of candidates) {
    const mention = mentionOf(addressOf(policy));
    if (!attachRefs.some((t) => mention.test(t))) found.add(addressOf(policy));
  }
  // A policy document data source used by boundaries alone is a boundary too.
  for (const policy of candidates.filter((p) => found.has(addressOf(p)))) {
    const doc = attribute(policy.body, 'policy');
    const ref = doc && /data\.aws_iam_policy_document\.[\w-]+/.exec(file.text.slice(doc.start, doc.end))?.[0];
    if (!ref || found.has(ref)) continue;
    const mention = mentionOf(ref);
    const users = file.resources.filter((b) => mention.test(file.text.slice(b.open, b.close)));
    if (users.every((b) => found.has(addressOf(b)))) found.add(ref);
  }
  return found;
}

/** The IAM policy documents a resource or data block holds, in the order they are written. */
function policyDocumentsOf(block: HclBlock): SourceNode[] {
  if (block.type === 'data' && block.labels[0].value === 'aws_iam_policy_document') return [policyDocumentBlock(block)];
  const documents: SourceNode[] = [];
  for (const body of [block.body, ...blocksOf(block.body, 'inline_policy').map((b) => b.body)]) {
    for (const name of POLICY_ATTRIBUTES) {
      const value = attribute(body, name)?.value;
      const doc = value && inlineDocument(value);
      if (doc) documents.push(doc);
    }
  }
  return documents;
}

/** `data "aws_iam_policy_document"` statements as a JSON-shaped policy, positions kept. */
function policyDocumentBlock(block: HclBlock): SourceNode {
  const statements: SourceNode[] = blocksOf(block.body, 'statement').map((st) => {
    const entries: MapEntry[] = [];
    const add = (key: string, body: HclBody, attr: string) => {
      const a = attribute(body, attr);
      if (a) entries.push({ key, keyStart: a.nameStart, keyEnd: a.nameEnd, value: hclToSource(a.value) });
    };
    add('Effect', st.body, 'effect');
    add('Action', st.body, 'actions');
    add('NotAction', st.body, 'not_actions');
    add('Resource', st.body, 'resources');
    const principals = blocksOf(st.body, 'principals');
    if (principals.length) {
      const principalEntries: MapEntry[] = principals.flatMap((p) => {
        const type = attribute(p.body, 'type');
        const ids = attribute(p.body, 'identifiers');
        if (type?.value.kind !== 'string' || !ids) return [];
        return [{ key: type.value.value, keyStart: type.value.start, keyEnd: type.value.end, value: hclToSource(ids.value) }];
      });
      entries.push({
        key: 'Principal',
        keyStart: principals[0].start,
        keyEnd: principals[0].open,
        value: { type: 'map', entries: principalEntries, start: principals[0].start, end: principals[0].end },
      });
    }
    const conditions = blocksOf(st.body, 'condition');
    if (conditions.length) {
      // test → variable → values, like the JSON form, so condition keys (sts:ExternalId) can be read.
      const byTest = new Map<string, MapEntry[]>();
      for (const c of conditions) {
        const test = attribute(c.body, 'test')?.value;
        const variable = attribute(c.body, 'variable')?.value;
        const values = attribute(c.body, 'values');
        const key = test?.kind === 'string' ? test.value : '?';
        const list = byTest.get(key) ?? [];
        list.push({
          key: variable?.kind === 'string' ? variable.value : '?',
          keyStart: c.start,
          keyEnd: c.open,
          value: values ? hclToSource(values.value) : { type: 'expr', text: 'values', start: c.start, end: c.end },
        });
        byTest.set(key, list);
      }
      entries.push({
        key: 'Condition',
        keyStart: conditions[0].start,
        keyEnd: conditions[0].open,
        value: {
          type: 'map',
          entries: [...byTest].map(([key, vars]) => ({
            key,
            keyStart: conditions[0].start,
            keyEnd: conditions[0].open,
            value: { type: 'map', entries: vars, start: conditions[0].start, end: conditions[0].end },
          })),
          start: conditions[0].start,
          end: conditions[conditions.length - 1].end,
        },
      });
    }
    return { type: 'map', entries, start: st.start, end: st.end };
  });
  const list: SourceNode = { type: 'seq', items: statements, start: block.start, end: block.end };
  return {
    type: 'map',
    entries: [{ key: 'Statement', keyStart: block.start, keyEnd: block.start, value: list }],
    start: block.start,
    end: block.end,
  };
}

const ATTACHMENTS: Record<string, string> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};

/** The privileged AWS managed policy a literal ARN names, with why it is privileged. */
const privilegedPolicy = (arn: string) => privilegedManagedPolicy(arn);

/** `data "aws_iam_policy" "x"` blocks that read a privileged managed policy, by address. */
function privilegedPolicyData(file: TerraformFile): Map<string, { name: string; why: string }> {
  const found = new Map<string, { name: string; why: string }>();
  for (const data of file.dataSources.filter((d) => d.labels[0].value === 'aws_iam_policy')) {
    const arn = attribute(data.body, 'arn')?.value;
    const name = attribute(data.body, 'name')?.value;
    const policy =
      arn?.kind === 'string'
        ? privilegedPolicy(arn.value)
        : name?.kind === 'string' && PRIVILEGED_MANAGED_POLICIES[name.value.toLowerCase()]
          ? { name: name.value, why: PRIVILEGED_MANAGED_POLICIES[name.value.toLowerCase()] }
          : undefined;
    if (policy) found.set(addressOf(data), policy);
  }
  return found;
}

function managedPolicyIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  const fromData = privilegedPolicyData(file);
  const report = (at: { start: number; end: number }, address: string, policy: { name: string; why: string }) =>
    issues.push({
      check: 'aws-iam-privileged-managed-policy',
      start: at.start,
      end: at.end,
      resource: address,
      subject: `${address}|${policy.name}`,
      message: `${address} attaches ${policy.name} (${policy.why})`,
      narrower: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  for (const block of file.resourcesOf(...Object.keys(ATTACHMENTS))) {
    const attr = attribute(block.body, ATTACHMENTS[block.labels[0].value]);
    if (!attr) continue;
    for (const v of attr.value.kind === 'tuple' ? attr.value.items : [attr.value]) {
      const fromDataSource = v.kind === 'ref' ? fromData.get(v.text.replace(/\.arn$/, '')) : undefined;
      if (fromDataSource) {
        report(v, addressOf(block), fromDataSource);
        continue;
      }
      // A literal ARN, or one reached through `local.x` or `for_each` + `each.value`: reported
      // where the ARN is written, since that is the text a reviewer (or a quick fix) changes.
      for (const arn of possibleStrings(file, block, v)) {
        const policy = privilegedPolicy(arn.value);
        if (policy) report({ start: arn.start + 1, end: arn.end - 1 }, addressOf(block), policy);
      }
    }
  }
  // Module inputs (`policies = { AdministratorAccess = "arn:…" }`, `custom_role_policy_arns = […]`):
  // whatever the module does with a managed policy ARN, it attaches it to something.
  for (const module of blocksOf(file.parsed.body, 'module')) {
    const address = `module.${module.labels[0]?.value ?? '?'}`;
    const visit = (expr: HclExpr) => {
      if (expr.kind === 'string' && !expr.templated) {
        const policy = privilegedPolicy(expr.value);
        if (policy) report({ start: expr.start + 1, end: expr.end - 1 }, address, policy);
      } else if (expr.kind === 'ref') {
        const policy = fromData.get(expr.text.replace(/\.arn$/, ''));
        if (policy) report(expr, address, policy);
      } else if (expr.kind === 'tuple') expr.items.forEach(visit);
      else if (expr.kind === 'object') expr.items.forEach((i) => visit(i.value));
    };
    for (const a of module.body.attributes) visit(a.value);
  }
  return issues;
}

/** `aws_lambda_permission` with principal "*" and no source ARN or account: anyone may invoke the function. */
function lambdaPermissionIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('aws_lambda_permission')) {
    const principal = attribute(block.body, 'principal')?.value;
    if (principal?.kind !== 'string' || principal.value !== '*') continue;
    if (['source_arn', 'source_account', 'principal_org_id'].some((a) => attribute(block.body, a))) continue;
    const address = addressOf(block);
    issues.push({
      check: 'aws-resource-policy-any-principal',
      start: principal.start + 1,
      end: principal.end - 1,
      resource: address,
      subject: `${address}|principal:*`,
      message: `${address} lets anyone (principal "*", no source_arn, source_account or principal_org_id) invoke the function`,
    });
  }
  return issues;
}

/**
 * Resources that create a long-lived credential, with what to say about each: the same finding
 * as an access key (a static secret, valid until someone deletes it), at the resource's header.
 */
const LONG_LIVED_CREDENTIALS: Array<{
  types: string[];
  check: 'aws-iam-access-key-created' | 'gcp-service-account-key-created' | 'azure-ad-password-credential';
  says: string;
}> = [
  {
    types: ['aws_iam_access_key'],
    check: 'aws-iam-access-key-created',
    says: 'creates a long-lived access key: prefer a role assumed through federation (OIDC, IAM Roles Anywhere, SSO)',
  },
  // A service-specific credential (CodeCommit git password, Keyspaces) is a static secret like an access key.
  {
    types: ['aws_iam_service_specific_credential'],
    check: 'aws-iam-access-key-created',
    says: 'creates a long-lived service-specific credential (a static password for the service): prefer federated access (for CodeCommit, git-remote-codecommit with a role)',
  },
  {
    types: ['google_service_account_key'],
    check: 'gcp-service-account-key-created',
    says: 'creates a long-lived service account key: prefer Workload Identity Federation or attached service accounts',
  },
  // An HMAC key is a static S3-style key pair for a service account, valid until deleted.
  {
    types: ['google_storage_hmac_key'],
    check: 'gcp-service-account-key-created',
    says: 'creates a long-lived HMAC key (static S3-style credentials) for a service account: prefer OAuth with an attached service account or Workload Identity Federation',
  },
  {
    types: ['azuread_application_password', 'azuread_service_principal_password'],
    check: 'azure-ad-password-credential',
    says: 'creates a long-lived client secret: prefer a federated identity credential (OIDC) or a managed identity',
  },
  // A certificate credential is a key pair the application signs in with, valid for years.
  {
    types: ['azuread_application_certificate', 'azuread_service_principal_certificate'],
    check: 'azure-ad-password-credential',
    says: 'adds a long-lived certificate credential: prefer a federated identity credential (OIDC) or a managed identity',
  },
];

function credentialIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const { types, check, says } of LONG_LIVED_CREDENTIALS)
    for (const block of file.resourcesOf(...types)) {
      const address = addressOf(block);
      issues.push({ check, ...headerRange(block), resource: address, subject: address, message: `${address} ${says}` });
    }
  // The inline form: `password { … }` blocks of the application or service principal itself.
  for (const block of file.resourcesOf('azuread_application', 'azuread_service_principal')) {
    const address = addressOf(block);
    for (const [i, password] of blocksOf(block.body, 'password').entries())
      issues.push({
        check: 'azure-ad-password-credential',
        start: password.start,
        end: password.open,
        resource: address,
        subject: `${address}|password#${i}`,
        message: `${address} has a password block, a long-lived client secret: prefer a federated identity credential (OIDC) or a managed identity`,
      });
  }
  return issues;
}
