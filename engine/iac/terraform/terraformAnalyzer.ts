import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { managedPolicyName, PRIVILEGED_MANAGED_POLICIES } from '../aws/iamRiskData';
import { hclToSource, inlineDocument, attribute, blocksOf } from '../hcl/hclSource';
import type { HclBlock, HclBody } from '../hcl/hclParser';
import type { IacAnalysis, IacContext, IssueFrom } from '../iacIssue';
import type { MapEntry, SourceNode } from '../sourceTree';
import { azureRoleIssues, gcpRoleIssues } from './terraformCloudRoles';
import { addressOf, headerRange, type TerraformFile } from './terraformModule';
import { terraformOwnershipIssues } from './terraformOwnership';

/** Attributes that hold an IAM policy document, on any resource that has them. */
const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy', 'policy_document'];

/** Analyses one Terraform file: IAM policies, managed-policy attachments, cloud roles, owners, static keys. */
export function analyseTerraform(file: TerraformFile, path: string, ctx: IacContext): IacAnalysis {
  const documents: Array<{ doc: SourceNode; resource: string }> = [];
  for (const block of [...file.resources, ...file.dataSources]) {
    const address = addressOf(block);
    if (block.type === 'data' && block.labels[0].value === 'aws_iam_policy_document') {
      documents.push({ doc: policyDocumentBlock(block), resource: address });
      continue;
    }
    for (const body of [block.body, ...blocksOf(block.body, 'inline_policy').map((b) => b.body)]) {
      for (const name of POLICY_ATTRIBUTES) {
        const value = attribute(body, name)?.value;
        const doc = value && inlineDocument(value);
        if (doc) documents.push({ doc, resource: address });
      }
    }
  }
  const fileActions: string[] = [];
  for (const { doc } of documents) collectActions(doc, fileActions);

  const issues: IssueFrom<'terraform' | 'aws-policy'>[] = [];
  for (const { doc, resource } of documents)
    issues.push(...analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }));
  issues.push(...managedPolicyIssues(file), ...credentialIssues(file), ...gcpRoleIssues(file), ...azureRoleIssues(file));
  issues.push(...terraformOwnershipIssues(file, path, ctx));
  const error = file.parsed.errors[0];
  return { issues, parseError: error && { message: `Terraform syntax error: ${error.message}`, start: error.start, end: error.end } };
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
      entries.push({
        key: 'Condition',
        keyStart: conditions[0].start,
        keyEnd: conditions[0].open,
        value: { type: 'expr', text: 'condition', start: conditions[0].start, end: conditions[0].end },
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
};

function managedPolicyIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf(...Object.keys(ATTACHMENTS))) {
    const attr = attribute(block.body, ATTACHMENTS[block.labels[0].value]);
    if (!attr) continue;
    const source = hclToSource(attr.value);
    const values = source.type === 'seq' ? source.items : [source];
    for (const v of values) {
      if (v.type !== 'scalar' || typeof v.value !== 'string' || !v.value.includes(':iam::aws:policy/')) continue;
      const name = managedPolicyName(v.value);
      const why = name && PRIVILEGED_MANAGED_POLICIES[name.toLowerCase()];
      if (!why) continue;
      const address = addressOf(block);
      issues.push({
        check: 'aws-iam-privileged-managed-policy',
        start: v.start,
        end: v.end,
        resource: address,
        subject: `${address}|${name}`,
        message: `${address} attaches ${name} (${why})`,
        narrower: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      });
    }
  }
  return issues;
}

function credentialIssues(file: TerraformFile): IssueFrom<'terraform'>[] {
  const issues: IssueFrom<'terraform'>[] = [];
  for (const block of file.resourcesOf('aws_iam_access_key')) {
    const address = addressOf(block);
    issues.push({
      check: 'aws-iam-access-key-created',
      ...headerRange(block),
      resource: address,
      subject: address,
      message: `${address} creates a long-lived access key: prefer a role assumed through federation (OIDC, IAM Roles Anywhere, SSO)`,
    });
  }
  for (const block of file.resourcesOf('google_service_account_key')) {
    const address = addressOf(block);
    issues.push({
      check: 'gcp-service-account-key-created',
      ...headerRange(block),
      resource: address,
      subject: address,
      message: `${address} creates a long-lived service account key: prefer Workload Identity Federation or attached service accounts`,
    });
  }
  return issues;
}
