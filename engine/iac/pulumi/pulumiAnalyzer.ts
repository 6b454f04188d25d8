/**
 * Pulumi YAML programs (`Pulumi.yaml` with `runtime: yaml`, or `Main.yaml`): the AWS IAM
 * resources they declare, read from the same source tree as CloudFormation, so policy documents
 * go through the shared AWS policy analysis and owners through the same tag test.
 */
import { analysePolicy, collectActions } from '../aws/policyAnalyzer';
import { privilegedManagedPolicy } from '../aws/iamRiskData';
import { isOwnerKey, type IacContext, type IssueFrom, type OffsetEdit } from '../iacIssue';
import { entry, entryCI, get, itemsOf, stringValue, type MapEntry, type MapNode, type SourceNode } from '../sourceTree';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';
import { parseYamlSource } from '../yamlSource';

type PulumiIssue = IssueFrom<'pulumi' | 'aws-policy'>;

/** The file name Pulumi reads a YAML program from. */
export function isPulumiProgramPath(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return /^(?:Pulumi|Main)\.ya?ml$/.test(name);
}

/** True for a Pulumi YAML program: a `resources` map whose entries have Pulumi `type` tokens. */
export function isPulumiProgram(doc: SourceNode): boolean {
  if (stringValue(get(doc, 'runtime')) === 'yaml' || stringValue(get(doc, 'runtime', 'name')) === 'yaml') return true;
  const resources = get(doc, 'resources');
  return resources?.type === 'map' && resources.entries.some((e) => /^[\w-]+:[\w/-]*:\w+$/.test(stringValue(get(e.value, 'type')) ?? ''));
}

/** Resource types whose `policy` property is an IAM policy document. */
const POLICY_TYPES = new Set(['aws:iam:Policy', 'aws:iam:RolePolicy', 'aws:iam:UserPolicy', 'aws:iam:GroupPolicy']);
const ATTACHMENT_TYPES = new Set([
  'aws:iam:RolePolicyAttachment',
  'aws:iam:UserPolicyAttachment',
  'aws:iam:GroupPolicyAttachment',
  'aws:iam:PolicyAttachment',
]);
/** Identities that take `tags`. Secrets, keys and policies are not identities: their owner is the identity that uses them. */
const OWNED_TYPES = new Set(['aws:iam:Role', 'aws:iam:User', 'azure-native:managedidentity:UserAssignedIdentity']);

/** `getPolicyDocument` statement keys, in the IAM JSON spelling the policy analysis reads. */
const STATEMENT_KEYS: Record<string, string> = {
  effect: 'Effect',
  actions: 'Action',
  notactions: 'NotAction',
  resources: 'Resource',
  notresources: 'NotResource',
  conditions: 'Condition',
  principals: 'Principal',
};

/** How a program read from TypeScript or Python (pulumiCodeProgram.ts) differs from YAML. */
export interface PulumiSource {
  /** Owner fixes write YAML, so they are offered only on YAML. */
  ownerEdits: boolean;
  /** Computed tags (`tags=common_tags`) are the norm in code and usually hold the owner: not reported there. */
  reportComputedTags: boolean;
  /** False where the file tags resources by other means (transformations, provider default tags). */
  checkOwners: boolean;
}
const YAML_SOURCE: PulumiSource = { ownerEdits: true, reportComputedTags: true, checkOwners: true };

export function analysePulumi(program: SourceNode, text: string, ctx: IacContext, source: PulumiSource = YAML_SOURCE): PulumiIssue[] {
  const issues: PulumiIssue[] = [];
  const documents: PolicyDocument[] = [];
  const resources = get(program, 'resources');
  const defaultOwner = hasDefaultOwnerTag(program, ctx.settings.ownerTags);
  const lookedUp = policyLookups(program);
  for (const res of resources?.type === 'map' ? resources.entries : []) {
    const found = pulumiResourceFindings(res, text, ctx, source, defaultOwner, lookedUp);
    issues.push(...found.issues);
    documents.push(...found.documents);
  }
  // `fn::invoke: aws:iam:getPolicyDocument` in variables (or inline) builds a policy from statements.
  for (const section of ['variables', 'resources']) {
    const map = get(program, section);
    if (map?.type === 'map') for (const e of map.entries) documents.push(...invokedPolicyDocuments(e));
  }
  // Narrowing candidates come from permission statements, not from trust (sts:AssumeRole).
  const fileActions: string[] = [];
  for (const { doc } of documents) if (!isTrust(doc)) collectActions(doc, fileActions);
  for (const { doc, resource } of documents)
    issues.push(...analysePolicy(doc, { resource, settings: ctx.settings, iam: ctx.iam, fileActions }));
  return issues;
}

type PolicyDocument = { doc: SourceNode; resource: string };

/**
 * What one resource of a program says, its policy documents aside (those are analysed with the
 * file's actions): access keys, privileged managed policies, owners. Besides the resource it
 * depends on whether provider default tags name an owner and on the program's policy lookups.
 */
export function pulumiResourceFindings(
  res: MapEntry,
  text: string,
  ctx: IacContext,
  source: PulumiSource,
  defaultOwner: boolean,
  lookedUp: Map<string, string>,
): { issues: PulumiIssue[]; documents: PolicyDocument[] } {
  const issues: PulumiIssue[] = [];
  const documents: PolicyDocument[] = [];
  const type = stringValue(get(res.value, 'type'));
  if (!type) return { issues, documents };
  const pushManaged = (node: SourceNode | undefined, resource: string) => pushManagedPolicy(issues, node, resource, lookedUp);
  const props = get(res.value, 'properties');
  const id = res.key;
  if (POLICY_TYPES.has(type)) pushPolicy(documents, get(props, 'policy'), text, id);
  if (type === 'aws:iam:Role') {
    pushPolicy(documents, get(props, 'assumeRolePolicy'), text, id);
    for (const p of itemsOf(get(props, 'inlinePolicies'))) pushPolicy(documents, get(p, 'policy'), text, id);
    for (const arn of itemsOf(get(props, 'managedPolicyArns'))) pushManaged(arn, id);
  }
  if (ATTACHMENT_TYPES.has(type)) pushManaged(get(props, 'policyArn'), id);
  if (type === 'aws:iam:AccessKey')
    issues.push({
      check: 'aws-iam-access-key-created',
      start: res.keyStart,
      end: res.keyEnd,
      resource: id,
      subject: id,
      message: `${id} (aws:iam:AccessKey) creates a long-lived access key: prefer a role assumed through federation (OIDC, IAM Roles Anywhere, SSO)`,
    });
  // A service-specific credential (CodeCommit git password, Keyspaces) is a static secret like an access key.
  if (type === 'aws:iam:ServiceSpecificCredential')
    issues.push({
      check: 'aws-iam-access-key-created',
      start: res.keyStart,
      end: res.keyEnd,
      resource: id,
      subject: id,
      message: `${id} (aws:iam:ServiceSpecificCredential) creates a long-lived service-specific credential (a static password for the service): prefer federated access (for CodeCommit, git-remote-codecommit with a role)`,
    });
  if (source.checkOwners && OWNED_TYPES.has(type) && !(defaultOwner && type.startsWith('aws:'))) {
    const issue = ownerIssue(res, props, type, text, ctx.settings.ownerTags, source);
    if (issue) issues.push(issue);
  }
  return { issues, documents };
}

export const isPulumiTrust = (doc: SourceNode) => isTrust(doc);

const isTrust = (doc: SourceNode) => itemsOf(entryCI(doc, 'Statement')?.value).some((st) => !!entryCI(st, 'Principal'));

/**
 * A policy is written as YAML under `fn::toJSON`, as a JSON string (often a `|` block), or
 * computed (`${doc.json}`, an invoke): the first two are read, the last is left alone.
 */
function pushPolicy(
  list: Array<{ doc: SourceNode; resource: string }>,
  node: SourceNode | undefined,
  text: string,
  resource: string,
): void {
  if (!node) return;
  const toJson = entryCI(node, 'fn::toJSON')?.value;
  if (toJson?.type === 'map') {
    list.push({ doc: toJson, resource });
    return;
  }
  if (node.type !== 'scalar' || typeof node.value !== 'string' || !node.value.includes('Statement')) return;
  // A block or plain scalar holds the JSON verbatim (indentation aside), so it parses in place
  // with exact offsets; a quoted one may hold escapes, so it is parsed alone and its findings
  // point at the whole string.
  const raw = text.slice(node.start, node.end);
  const inPlace = !node.quoted && raw.includes('Statement');
  const parsed = inPlace ? parseYamlSource(raw, node.start) : parseYamlSource(node.value);
  const doc = parsed.documents[0];
  if (doc?.type !== 'map') return;
  list.push({ doc: inPlace ? doc : pinned(doc, node.start, node.end), resource });
}

/** A tree whose every position is moved onto one span (a quoted string's). */
function pinned(node: SourceNode, start: number, end: number): SourceNode {
  if (node.type === 'map')
    return {
      ...node,
      start,
      end,
      entries: node.entries.map((e) => ({ ...e, keyStart: start, keyEnd: end, value: pinned(e.value, start, end) })),
    };
  if (node.type === 'seq') return { ...node, start, end, items: node.items.map((i) => pinned(i, start, end)) };
  return { ...node, start, end };
}

/**
 * Variables that look a managed policy up (`fn::invoke` of `aws:iam:getPolicy` by `name` or
 * `arn`), as the ARN they stand for: `${adminPolicy.arn}` attaches that policy.
 */
function policyLookups(program: SourceNode): Map<string, string> {
  const arns = new Map<string, string>();
  const variables = get(program, 'variables');
  for (const v of variables?.type === 'map' ? variables.entries : []) {
    const invoke = entryCI(v.value, 'fn::invoke')?.value;
    if (stringValue(get(invoke, 'function')) !== 'aws:iam:getPolicy') continue;
    const arn = stringValue(get(invoke, 'arguments', 'arn'));
    const name = stringValue(get(invoke, 'arguments', 'name'));
    if (arn) arns.set(v.key, arn);
    else if (name) arns.set(v.key, `arn:aws:iam::aws:policy/${name}`);
  }
  return arns;
}

function pushManagedPolicy(issues: PulumiIssue[], node: SourceNode | undefined, resource: string, lookedUp: Map<string, string>): void {
  const written = stringValue(node);
  const variable = written && /^\$\{(\w+)\.arn\}$/.exec(written.trim());
  const value = variable ? lookedUp.get(variable[1]) : written;
  const privileged = value && node ? privilegedManagedPolicy(value) : undefined;
  if (!privileged || !node) return;
  const { name, why } = privileged;
  issues.push({
    check: 'aws-iam-privileged-managed-policy',
    start: node.start,
    end: node.end,
    resource,
    subject: `${resource}|${name}`,
    message: `${resource} attaches ${name} (${why})`,
    narrower: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  });
}

/**
 * The policy documents built by every `fn::invoke` of aws:iam:getPolicyDocument in one entry of
 * `variables` or `resources` (at any depth), named after the entry.
 */
export function invokedPolicyDocuments(e: MapEntry): PolicyDocument[] {
  const found: PolicyDocument[] = [];
  const add = (name: string, args: SourceNode) => {
    const statements = itemsOf(get(args, 'statements')).map(toIamStatement);
    found.push({ doc: mapOf([['Statement', seqOf(statements)]]), resource: name });
  };
  const visit = (node: SourceNode, name: string, depth: number) => {
    if (depth > 12) return;
    if (node.type === 'map') {
      for (const e of node.entries) {
        const key = e.key.toLowerCase();
        if (key === 'fn::invoke' && stringValue(get(e.value, 'function')) === 'aws:iam:getPolicyDocument') {
          const args = get(e.value, 'arguments');
          if (args) add(name, args);
        } else if (key === 'fn::aws:iam:getpolicydocument') {
          add(name, e.value);
        } else visit(e.value, name, depth + 1);
      }
    } else if (node.type === 'seq') for (const item of node.items) visit(item, name, depth + 1);
  };
  visit(e.value, e.key, 0);
  return found;
}

/** A getPolicyDocument statement as an IAM JSON statement; principals become a Principal map. */
function toIamStatement(st: SourceNode): SourceNode {
  if (st.type !== 'map') return st;
  const entries: MapEntry[] = [];
  for (const e of st.entries) {
    const key = STATEMENT_KEYS[e.key.toLowerCase()];
    if (!key) continue;
    if (key !== 'Principal') {
      entries.push({ ...e, key });
      continue;
    }
    const principal: MapEntry[] = [];
    for (const p of itemsOf(e.value)) {
      const type = stringValue(get(p, 'type'));
      const ids = get(p, 'identifiers');
      if (type && ids) principal.push({ key: type, keyStart: ids.start, keyEnd: ids.end, value: ids });
    }
    entries.push({ ...e, key, value: { type: 'map', entries: principal, start: e.value.start, end: e.value.end } });
  }
  return { type: 'map', entries, start: st.start, end: st.end };
}

function mapOf(pairs: Array<[string, SourceNode]>): MapNode {
  return {
    type: 'map',
    start: 0,
    end: 0,
    entries: pairs.map(([key, value]) => ({ key, keyStart: value.start, keyEnd: value.start, value })),
  };
}

function seqOf(items: SourceNode[]): SourceNode {
  return { type: 'seq', items, start: items[0]?.start ?? 0, end: items[items.length - 1]?.end ?? 0 };
}

/**
 * Provider `defaultTags` with an owner (an explicit `pulumi:providers:aws` resource, or the
 * program's `config: aws:defaultTags`) covers every resource. Stack files (Pulumi.<stack>.yaml)
 * are not read, so only the program's own config counts.
 */
export function hasDefaultOwnerTag(program: SourceNode, keys: string[]): boolean {
  const owned = (tags: SourceNode | undefined) => tags?.type === 'map' && tags.entries.some((e) => isOwnerKey(e.key, keys));
  const config = entry(get(program, 'config'), 'aws:defaultTags')?.value;
  if (owned(get(config, 'tags')) || owned(get(config, 'value', 'tags')) || owned(get(config, 'default', 'tags'))) return true;
  const resources = get(program, 'resources');
  return (
    resources?.type === 'map' &&
    resources.entries.some(
      (e) => stringValue(get(e.value, 'type')) === 'pulumi:providers:aws' && owned(get(e.value, 'properties', 'defaultTags', 'tags')),
    )
  );
}

function ownerIssue(
  res: MapEntry,
  props: SourceNode | undefined,
  type: string,
  text: string,
  keys: string[],
  source: PulumiSource,
): PulumiIssue | undefined {
  const tags = get(props, 'tags');
  if (tags?.type === 'map' && tags.entries.some((e) => isOwnerKey(e.key, keys))) return undefined;
  if (tags && tags.type !== 'map' && !source.reportComputedTags) return undefined;
  if (tags && tags.type !== 'map')
    return {
      check: 'owner-tag-not-static',
      start: res.keyStart,
      end: res.keyEnd,
      resource: res.key,
      subject: res.key,
      message: `${res.key}: the tags are computed, so an "${keys[0]}" tag cannot be confirmed statically`,
    };
  const edit = source.ownerEdits ? tagEdit(text, props, tags, keys[0]) : undefined;
  return {
    check: 'missing-owner-tag',
    start: res.keyStart,
    end: res.keyEnd,
    resource: res.key,
    subject: res.key,
    message: `${res.key} (${type}) has no "${keys[0]}" tag: nobody is accountable for this identity`,
    ...(edit ? { fix: { title: `Add an "${keys[0]}" tag`, edits: [edit] } } : {}),
  };
}

/** Adds `owner: {{owner}}` to block-style `tags`, or a `tags` map to block-style properties. */
function tagEdit(text: string, props: SourceNode | undefined, tags: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const first = tags?.type === 'map' ? tags.entries[0] : undefined;
  if (first && startsLine(text, first.keyStart)) {
    const at = lineStartOf(text, first.keyStart);
    return { start: at, end: at, newText: `${indentAt(text, first.keyStart)}${key}: ${OWNER_PLACEHOLDER}\n` };
  }
  if (tags || props?.type !== 'map') return undefined;
  const firstProp = props.entries[0];
  if (!firstProp || !startsLine(text, firstProp.keyStart)) return undefined;
  const indent = indentAt(text, firstProp.keyStart);
  const at = lineStartOf(text, firstProp.keyStart);
  return { start: at, end: at, newText: `${indent}tags:\n${indent}${indentUnit(text)}${key}: ${OWNER_PLACEHOLDER}\n` };
}
