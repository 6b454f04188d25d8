import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import { mentionOf, namedAsBoundary } from '../aws/permissionsBoundary';
import { isOwnerKey, type IacContext, type OffsetEdit, type IssueFrom } from '../iacIssue';
import { entry, get, itemsOf, stringValue, type MapEntry, type MapNode, type SourceNode } from '../sourceTree';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';
import { alternatives, builtString, jsonStringDocument } from './intrinsics';

type TemplateIssue = IssueFrom<'cloudformation'>;

const POLICY_HOLDERS = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const POLICY_RESOURCES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];
/** Resource-based policies: the type and the property holding its policy document. */
const RESOURCE_POLICIES: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::IoT::Policy': 'PolicyDocument',
  'AWS::OpenSearchService::Domain': 'AccessPolicies',
  'AWS::Elasticsearch::Domain': 'AccessPolicies',
};
/**
 * Identities that accept `Tags` (AWS::IAM::Group does not). Keys, secrets and policies are not
 * identities: their owner is the identity that uses them.
 */
const OWNED_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User'];

/** Analyses a CloudFormation or SAM template already parsed into a source tree. */
export function analyseCloudFormation(template: SourceNode, text: string, ctx: IacContext): IssueFrom<'cloudformation' | 'aws-policy'>[] {
  const resources = get(template, 'Resources');
  if (resources?.type !== 'map') return [];
  const documents: Array<{ doc: SourceNode; resource: string }> = [];
  const issues: IssueFrom<'cloudformation' | 'aws-policy'>[] = [];
  const boundaries = boundaryPolicies(resources, text);
  for (const res of resources.entries) {
    const type = stringValue(get(res.value, 'Type'));
    const props = get(res.value, 'Properties');
    if (!type) continue;
    const id = res.key;
    if (POLICY_RESOURCES.includes(type) && !boundaries.has(id)) pushDoc(text, documents, get(props, 'PolicyDocument'), id);
    if (RESOURCE_POLICIES[type]) pushDoc(text, documents, get(props, RESOURCE_POLICIES[type]), id);
    // An event bus policy holds one statement (`Statement`), not a document.
    const busStatement = type === 'AWS::Events::EventBusPolicy' ? get(props, 'Statement') : undefined;
    if (busStatement?.type === 'map')
      pushDoc(
        text,
        documents,
        {
          type: 'map',
          entries: [{ key: 'Statement', keyStart: busStatement.start, keyEnd: busStatement.start, value: busStatement }],
          start: busStatement.start,
          end: busStatement.end,
        },
        id,
      );
    if (type === 'AWS::SSO::PermissionSet') {
      pushDoc(text, documents, get(props, 'InlinePolicy'), id);
      issues.push(...managedPolicyIssues(get(props, 'ManagedPolicies'), id, text));
    }
    if (POLICY_HOLDERS.includes(type)) {
      pushDoc(text, documents, get(props, 'AssumeRolePolicyDocument'), id);
      for (const p of itemsOf(get(props, 'Policies'))) pushDoc(text, documents, get(p, 'PolicyDocument'), id);
      issues.push(...managedPolicyIssues(get(props, 'ManagedPolicyArns'), id, text));
    }
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') {
      for (const p of itemsOf(get(props, 'Policies'))) {
        if (p.type === 'map' && entry(p, 'Statement')) pushDoc(text, documents, p, id);
        else issues.push(...managedPolicyIssues(p, id, text, true));
      }
    }
    if (type === 'AWS::Lambda::Permission') {
      // Principal "*" with no SourceArn, SourceAccount or PrincipalOrgID: anyone may invoke the function.
      const principal = get(props, 'Principal');
      if (stringValue(principal) === '*' && !['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((k) => get(props, k)))
        issues.push({
          check: 'aws-resource-policy-any-principal',
          start: principal!.start,
          end: principal!.end,
          resource: id,
          subject: `${id}|principal:*`,
          message: `${id} lets anyone (Principal "*", no SourceArn, SourceAccount or PrincipalOrgID) invoke the function`,
        });
    }
    if (type === 'AWS::IAM::AccessKey') {
      issues.push({
        check: 'aws-iam-access-key-created',
        start: res.keyStart,
        end: res.keyEnd,
        resource: id,
        subject: id,
        message: `${id} (AWS::IAM::AccessKey) creates a long-lived access key: prefer a role assumed through federation (OIDC, IAM Roles Anywhere, SSO)`,
      });
    }
    // A service-specific credential (CodeCommit git password, Keyspaces) is a static secret like an access key.
    if (type === 'AWS::IAM::ServiceSpecificCredential') {
      issues.push({
        check: 'aws-iam-access-key-created',
        start: res.keyStart,
        end: res.keyEnd,
        resource: id,
        subject: id,
        message: `${id} (AWS::IAM::ServiceSpecificCredential) creates a long-lived service-specific credential (a static password for the service): prefer federated access (for CodeCommit, git-remote-codecommit with a role)`,
      });
    }
    if (OWNED_TYPES.includes(type)) {
      const issue = ownershipIssue(res, props, text, ctx);
      if (issue) issues.push(issue);
    }
  }
  const fileActions: string[] = [];
  for (const { doc } of documents) collectActions(doc, fileActions);
  for (const { doc, resource } of documents)
    issues.push(...analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }));
  return issues;
}

/**
 * The AWS::IAM::ManagedPolicy resources that are permissions boundaries (engine/iac/aws/permissionsBoundary.ts):
 * named so (logical id or ManagedPolicyName) or referenced by some resource's `PermissionsBoundary`,
 * and attached to no identity (no `Roles`/`Users`/`Groups` of their own, not in any `ManagedPolicyArns`).
 */
function boundaryPolicies(resources: MapNode, text: string): Set<string> {
  const found = new Set<string>();
  const managed = resources.entries.filter((res) => stringValue(get(res.value, 'Type')) === 'AWS::IAM::ManagedPolicy');
  // Most templates have no managed policy: nothing more is read then (this runs on every re-check).
  if (!managed.length) return found;
  const sourceOf = (node: SourceNode | undefined) => (node ? text.slice(node.start, node.end) : '');
  const boundaryRefs: string[] = [];
  const attachRefs: string[] = [];
  for (const res of resources.entries) {
    const props = get(res.value, 'Properties');
    boundaryRefs.push(sourceOf(get(props, 'PermissionsBoundary')));
    attachRefs.push(sourceOf(get(props, 'ManagedPolicyArns')), sourceOf(get(props, 'ManagedPolicies')));
  }
  for (const res of managed) {
    const props = get(res.value, 'Properties');
    const id = res.key;
    if (['Roles', 'Users', 'Groups'].some((k) => itemsOf(get(props, k)).length > 0)) continue;
    const mention = mentionOf(id);
    if (attachRefs.some((t) => mention.test(t))) continue;
    const named = namedAsBoundary(id) || namedAsBoundary(builtString(get(props, 'ManagedPolicyName'), text));
    if (named || boundaryRefs.some((t) => mention.test(t))) found.add(id);
  }
  return found;
}

/**
 * A policy document written as a map, or as a JSON string (CloudFormation accepts both, also
 * built with `!Sub`). Principals built from parameters (`!Sub arn:aws:iam::${Partner}:root`) are
 * read as the strings they build, so trust in another account is seen.
 */
function pushDoc(text: string, list: Array<{ doc: SourceNode; resource: string }>, doc: SourceNode | undefined, resource: string): void {
  const map = doc?.type === 'map' ? doc : jsonStringDocument(doc, text);
  if (map) list.push({ doc: withBuiltPrincipals(map, text), resource });
}

/** The document with each statement's `Principal: {AWS: …}` intrinsics replaced by the strings they build. */
function withBuiltPrincipals(doc: MapNode, text: string): MapNode {
  const build = (node: SourceNode): SourceNode => {
    if (node.type === 'seq') return { ...node, items: node.items.map(build) };
    const value = node.type === 'expr' ? builtString(node, text) : undefined;
    return value === undefined ? node : { type: 'scalar', value, start: node.start, end: node.end };
  };
  const statements = get(doc, 'Statement');
  if (
    !statements ||
    !itemsOf(statements).some((st) => get(st, 'Principal', 'AWS')?.type === 'expr' || get(st, 'Principal', 'AWS')?.type === 'seq')
  )
    return doc;
  const mapEntries = (node: MapNode, key: string, f: (v: SourceNode) => SourceNode): MapNode => ({
    ...node,
    entries: node.entries.map((e) => (e.key === key ? { ...e, value: f(e.value) } : e)),
  });
  const statement = (st: SourceNode) =>
    st.type === 'map' ? mapEntries(st, 'Principal', (p) => (p.type === 'map' ? mapEntries(p, 'AWS', build) : p)) : st;
  return mapEntries(doc, 'Statement', (list) => (list.type === 'seq' ? { ...list, items: list.items.map(statement) } : statement(list)));
}

function managedPolicyIssues(node: SourceNode | undefined, resource: string, text: string, bareNames = false): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  // Either branch of an `!If` can be deployed: a privileged policy in one counts.
  const items = alternatives(node, text).flatMap((list) => itemsOf(list).flatMap((item) => alternatives(item, text)));
  for (const item of items) {
    // !Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess", or the same from Fn::Join, is as clear as a literal.
    const value = item.type === 'scalar' ? stringValue(item) : builtString(item, text);
    const privileged = value ? privilegedManagedPolicy(value, bareNames) : undefined;
    if (!privileged) continue;
    const { name, why } = privileged;
    issues.push({
      check: 'aws-iam-privileged-managed-policy',
      start: item.start,
      end: item.end,
      resource,
      subject: `${resource}|${name}`,
      message: `${resource} attaches ${name} (${why})`,
      narrower: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  }
  return issues;
}

function ownershipIssue(res: MapEntry, props: SourceNode | undefined, text: string, ctx: IacContext): TemplateIssue | undefined {
  const keys = ctx.settings.ownerTags;
  const tags = get(props, 'Tags');
  const id = res.key;
  if (tags?.type === 'seq') {
    if (
      tags.items.some((t) => {
        const k = stringValue(get(t, 'Key'));
        return k !== undefined && isOwnerKey(k, keys);
      })
    )
      return undefined;
    if (tags.items.some((t) => t.type !== 'map' || get(t, 'Key')?.type === 'expr')) return unknownOwner(res, keys);
  } else if (tags) {
    return unknownOwner(res, keys);
  }
  const edit = tagEdit(text, props, tags, keys[0]);
  return {
    check: 'missing-owner-tag',
    start: res.keyStart,
    end: res.keyEnd,
    resource: id,
    subject: id,
    message: `${id} has no "${keys[0]}" tag: nobody is accountable for this identity`,
    ...(edit ? { fix: { title: `Add an "${keys[0]}" tag`, edits: [edit] } } : {}),
  };
}

function unknownOwner(res: MapEntry, keys: string[]): TemplateIssue {
  return {
    check: 'owner-tag-not-static',
    start: res.keyStart,
    end: res.keyEnd,
    resource: res.key,
    subject: res.key,
    message: `${res.key}: the tags come from intrinsic functions, so an "${keys[0]}" tag cannot be confirmed statically`,
  };
}

const isFlow = (text: string, node: SourceNode) => text[node.start] === '{' || text[node.start] === '[';

/** An edit adding `{Key: owner, Value: {{owner}}}` to Tags, or a Tags property, in the file's style. */
function tagEdit(text: string, props: SourceNode | undefined, tags: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const jsonTag = `{ "Key": "${key}", "Value": "${OWNER_PLACEHOLDER}" }`;
  if (tags?.type === 'seq') {
    const first = tags.items[0];
    if (!first) return isFlow(text, tags) ? { start: tags.start + 1, end: tags.start + 1, newText: jsonTag } : undefined;
    if (isFlow(text, tags)) return { start: first.start, end: first.start, newText: `${jsonTag}, ` };
    const dash = text.lastIndexOf('-', first.start);
    if (dash < 0 || !startsLine(text, dash)) return undefined;
    const indent = indentAt(text, dash);
    const at = lineStartOf(text, dash);
    return { start: at, end: at, newText: `${indent}- Key: ${key}\n${indent}  Value: ${OWNER_PLACEHOLDER}\n` };
  }
  if (props?.type !== 'map') return undefined;
  const first = (props as MapNode).entries[0];
  if (!first) return undefined;
  if (isFlow(text, props)) {
    const at = first.keyStart - (/["']/.test(text[first.keyStart - 1]) ? 1 : 0);
    return { start: at, end: at, newText: `"Tags": [${jsonTag}], ` };
  }
  const indent = indentAt(text, first.keyStart);
  const at = lineStartOf(text, first.keyStart);
  const unit = indentUnit(text);
  return { start: at, end: at, newText: `${indent}Tags:\n${indent}${unit}- Key: ${key}\n${indent}${unit}  Value: ${OWNER_PLACEHOLDER}\n` };
}
