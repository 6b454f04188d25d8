/**
 * Pulumi programs written in TypeScript or Python, as the Pulumi YAML program the YAML analysis
 * reads: each `new aws.iam.Policy("name", {...})` (or `aws.iam.Policy("name", policy=...)`)
 * becomes a `resources` entry with its type token and literal properties, and each
 * `aws.iam.getPolicyDocument({...})` a `variables` entry invoking it. So the same checks run
 * whatever language the program is written in, and only literals count: a property given by a
 * variable or a call stays unknown and is never reported.
 */
import type { MapEntry, MapNode, SourceNode } from '../sourceTree';
import type { TextTests } from '../../text/keptSearches';

/** The Pulumi packages read, by the provider name their type tokens start with. */
const PROVIDERS: Record<string, string> = {
  aws: 'aws',
  gcp: 'gcp',
  kubernetes: 'kubernetes',
  'azure-native': 'azure-native',
  azure_native: 'azure-native',
};

/** `@pulumi/aws` or `pulumi_aws` (and their sub-modules) as provider and module path. */
export function pulumiPackage(specifier: string): string[] | undefined {
  const m = /^(?:@pulumi\/|pulumi_)([\w-]+)((?:[./][\w-]+)*)$/.exec(specifier);
  const provider = m && PROVIDERS[m[1]];
  if (!m || !provider) return undefined;
  return [provider, ...m[2].split(/[./]/).filter(Boolean)];
}

/** One resource constructor call read from code. */
export interface CodeResource {
  /** Provider, modules and class: `['aws', 'iam', 'Policy']`. */
  path: string[];
  /** The resource name (first argument) when it is a literal, else a name made from the code. */
  name: string;
  /** The constructor (`new aws.iam.Policy`), where findings about the whole resource point. */
  start: number;
  end: number;
  props: MapNode;
}

/** One `getPolicyDocument` invoke read from code: its arguments, named after the variable it is assigned to. */
export interface CodeInvoke {
  name: string;
  args: SourceNode;
  start: number;
  end: number;
}

/** A resource's type token from its module path: `['kubernetes', 'rbac', 'v1', 'Role']` → `kubernetes:rbac.authorization.k8s.io/v1:Role`. */
export function typeToken(path: string[]): string | undefined {
  if (path.length < 2) return undefined;
  const [provider, ...rest] = path;
  const type = rest[rest.length - 1];
  // Versioned azure-native modules (`authorization.v20220401`) have the same shapes.
  const modules = rest.slice(0, -1).filter((m) => !/^v\d{8}/.test(m));
  if (!modules.length) return type === 'Provider' ? `pulumi:providers:${provider}` : undefined;
  if (provider === 'kubernetes') {
    const [group, ...version] = modules;
    const fullGroup = group === 'rbac' ? 'rbac.authorization.k8s.io' : group;
    return `kubernetes:${[fullGroup, ...version].join('/')}:${type}`;
  }
  return `${provider}:${modules.join('/')}:${type}`;
}

/** `aws.iam.getPolicyDocument`, `get_policy_document_output`…: the invoke that builds a policy from statements. */
export const isPolicyDocumentInvoke = (path: string[]) =>
  path[0] === 'aws' &&
  path[path.length - 2] === 'iam' &&
  /^get(?:PolicyDocument|_policy_document)(?:Output|_output)?$/.test(path[path.length - 1]);

/** Canonical names of the privileged AWS managed policies, by their letters alone (lower case). */
const MANAGED_POLICY_NAMES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
  'AWSOrganizationsFullAccess',
  'AdministratorAccess-Amplify',
  'AdministratorAccess-AWSElasticBeanstalk',
];
const byLetters = new Map(MANAGED_POLICY_NAMES.map((n) => [n.toLowerCase().replace(/[^a-z0-9]/g, ''), n]));

/**
 * The ARN behind Pulumi's managed-policy enum, `aws.iam.ManagedPolicy.AdministratorAccess` in
 * TypeScript or `aws.iam.ManagedPolicy.ADMINISTRATOR_ACCESS` in Python; undefined for any other
 * expression (and for the enum's other members, which are not privileged).
 */
export function managedPolicyEnumArn(expr: string): string | undefined {
  const m = /(?:^|\.)ManagedPolic(?:y|ies)\s*\.\s*([A-Za-z_][\w]*)$/.exec(expr.trim());
  const name = m && byLetters.get(m[1].toLowerCase().replace(/_/g, ''));
  return name ? `arn:aws:iam::aws:policy/${name}` : undefined;
}

const entryOf = (key: string, value: SourceNode, at: { start: number; end: number }): MapEntry => ({
  key,
  keyStart: at.start,
  keyEnd: at.end,
  value,
});
const scalarAt = (value: string, at: { start: number; end: number }): SourceNode => ({
  type: 'scalar',
  value,
  start: at.start,
  end: at.end,
});

/** The program the YAML analysis reads: resources by name with `type` and `properties`, invokes under `variables`. */
export function codeProgram(resources: CodeResource[], invokes: CodeInvoke[]): SourceNode {
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  };
  const resourceEntries: MapEntry[] = [];
  for (const r of resources) {
    const type = typeToken(r.path);
    if (!type) continue;
    const body: MapNode = {
      type: 'map',
      start: r.start,
      end: r.props.end,
      entries: [entryOf('type', scalarAt(type, r), r), entryOf('properties', r.props, r)],
    };
    resourceEntries.push(entryOf(unique(r.name), body, r));
  }
  const variableEntries: MapEntry[] = invokes.map((inv) => {
    const invoke: MapNode = {
      type: 'map',
      start: inv.start,
      end: inv.end,
      entries: [entryOf('function', scalarAt('aws:iam:getPolicyDocument', inv), inv), entryOf('arguments', inv.args, inv)],
    };
    return entryOf(unique(inv.name), { type: 'map', start: inv.start, end: inv.end, entries: [entryOf('fn::invoke', invoke, inv)] }, inv);
  });
  const section = (entries: MapEntry[]): MapNode => ({ type: 'map', start: 0, end: 0, entries });
  return section([
    entryOf('resources', section(resourceEntries), { start: 0, end: 0 }),
    entryOf('variables', section(variableEntries), { start: 0, end: 0 }),
  ]);
}

/** Properties holding an IAM policy document: an object literal there is the document itself. */
export const POLICY_PROPERTIES = new Set(['policy', 'assumeRolePolicy']);

/** A policy document given as an object: what the YAML analysis reads under `fn::toJSON`. */
export const asToJson = (doc: MapNode): MapNode => ({
  type: 'map',
  start: doc.start,
  end: doc.end,
  entries: [{ key: 'fn::toJSON', keyStart: doc.start, keyEnd: doc.start, value: doc }],
});

/** Keys under which users write free-form names (tags, labels) that must keep their spelling. */
export const FREE_FORM_KEYS = new Set(['tags', 'labels', 'annotations', 'defaultTags']);

/**
 * Tags an owner check cannot read: a spread or a call among them, or a file that tags resources
 * by transformation or provider default tags (often set in stack config, which is not read).
 */
export const tagsSetElsewhere = (text: TextTests) => text.matches(TAGGED_ELSEWHERE, TAGGED_ELSEWHERE_REACH);
const TAGGED_ELSEWHERE = /register_?(?:stack|resource)_?transform|\btransforms\b|default_?[tT]ags|autotag/i;
/** The longest match (`register_resource_transform`) and a character on each side for `\b`. */
const TAGGED_ELSEWHERE_REACH = 29;
