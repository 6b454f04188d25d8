import { get, itemsOf, stringsOf, stringValue, type SourceNode } from '../iac/sourceTree';
import { parseYamlSource } from '../iac/yamlSource';
import type { FixTarget } from './fixProposals';

/**
 * What a wildcard can be narrowed to, as choices a person picks from. Candidates come from what
 * the code around it does: the actions of the same service the file already grants (from the
 * analysers), the resources an RBAC rule names, the kinds of object the manifest defines. A
 * choice is preferred only when it is certain: the API groups of the resources a rule lists.
 */
/** What the files beside this one grant and manage (the caller reads them: the engine reads no files). */
export interface RelatedIam {
  /** Literal IAM actions (`s3:GetObject`) written in the other files of the module. */
  actions: string[];
  /** Services whose resources those files manage (`rds`, `s3`). */
  services: string[];
}

/** Literal IAM actions written in a Terraform or policy text (`"s3:GetObject"`). */
export function iamActionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/["']([a-z0-9-]{2,40}:[A-Za-z0-9]{2,80})["']/g)].map((m) => m[1]))];
}

export interface NarrowChoice {
  title: string;
  values: string[];
  preferred: boolean;
  /** The wildcard this choice replaces, when it is not the finding's own element (another `*` of the same RBAC rule). */
  at?: { start: number; end: number };
}

/**
 * Actions that only a role's trust policy uses: granting them in a permissions policy says
 * nothing about what the identity does, so they are never a narrowing of its permissions.
 */
const TRUST_ONLY = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
]);

/** The API group of the resources RBAC rules most often name (`""` is the core group). */
const API_GROUP: Record<string, string> = {
  pods: '',
  'pods/log': '',
  'pods/exec': '',
  services: '',
  endpoints: '',
  configmaps: '',
  secrets: '',
  serviceaccounts: '',
  persistentvolumeclaims: '',
  persistentvolumes: '',
  namespaces: '',
  nodes: '',
  events: '',
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  horizontalpodautoscalers: 'autoscaling',
  poddisruptionbudgets: 'policy',
  leases: 'coordination.k8s.io',
};

/** `Deployment` → `deployments`: the resource an object of that kind is. */
const resourceOfKind = (kind: string) => {
  const lower = kind.toLowerCase();
  return /(?:s|x|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
};

const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete'];

const list = (values: string[]) => values.map((v) => (v === '' ? '"" (core)' : v)).join(', ');

/** IAM service prefixes of the Terraform resource types a file manages (`aws_db_instance` → `rds`). */
const TERRAFORM_SERVICE: Array<[RegExp, string]> = [
  [/^aws_(?:db|rds)_/, 'rds'],
  [/^aws_s3_/, 's3'],
  [/^aws_lambda_/, 'lambda'],
  [/^aws_dynamodb_/, 'dynamodb'],
  [/^aws_sqs_/, 'sqs'],
  [/^aws_sns_/, 'sns'],
  [/^aws_ecr_/, 'ecr'],
  [/^aws_ecs_/, 'ecs'],
  [/^aws_secretsmanager_/, 'secretsmanager'],
  [/^aws_kms_/, 'kms'],
  [/^aws_cloudwatch_log_/, 'logs'],
  [/^aws_ssm_/, 'ssm'],
];

/**
 * Services whose resources the file manages, other than IAM's own: what an identity defined
 * next to them is likely there for. Terraform resource types and CloudFormation `AWS::X::Y` types.
 */
export function servicesManaged(text: string): string[] {
  const services = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*resource[ \t]+"(aws_\w+)"/gm)) {
    const service = TERRAFORM_SERVICE.find(([re]) => re.test(m[1]))?.[1];
    if (service) services.add(service);
  }
  for (const m of text.matchAll(/["']?Type["']?[ \t]*:[ \t]*["']?AWS::(\w+)::/g)) if (m[1] !== 'IAM') services.add(m[1].toLowerCase());
  return [...services];
}

function awsChoices(narrower: string[], check: string, text: string, wildcard: string, related?: RelatedIam): NarrowChoice[] {
  const actions = narrower.filter((a) => !TRUST_ONLY.has(a.toLowerCase()));
  // The module's other files: their literal actions (of the wildcard's service, unless it is "*").
  const service = /^([a-z0-9-]+):\*$/i.exec(wildcard)?.[1]?.toLowerCase();
  const nearby = (related?.actions ?? []).filter(
    (a) => !TRUST_ONLY.has(a.toLowerCase()) && !actions.includes(a) && (!service || a.toLowerCase().startsWith(`${service}:`)),
  );
  const fromNearby: NarrowChoice[] =
    nearby.length && actions.every((a) => a.includes('*'))
      ? [
          {
            title: `Narrow to the ${nearby.length === 1 ? 'action' : `${nearby.length} actions`} the files beside it grant: ${nearby.slice(0, 3).join(', ')}${nearby.length > 3 ? ', …' : ''}`,
            values: nearby.slice(0, 20),
            preferred: false,
          },
        ]
      : [];
  if (!actions.length && check === 'aws-iam-admin-wildcard') {
    // No action written anywhere else: the services of the resources managed beside it.
    const services = [...new Set([...servicesManaged(text), ...(related?.services ?? [])])];
    if (fromNearby.length) return fromNearby;
    return services.length
      ? [
          {
            title: `Narrow to the services this file manages: ${services.map((s) => `${s}:*`).join(', ')} (still service wildcards: list the actions next)`,
            values: services.map((s) => `${s}:*`),
            preferred: false,
          },
        ]
      : [];
  }
  if (!actions.length) return fromNearby;
  // No same-service action written in the file: the analyser offers the service's read-only patterns.
  if (actions.every((a) => a.includes('*')))
    return [...fromNearby, { title: `Narrow to read-only actions: ${actions.join(', ')}`, values: actions, preferred: false }];
  if (actions.length === 1)
    return [{ title: `Narrow to ${actions[0]} (the one action this file grants elsewhere)`, values: actions, preferred: false }];
  const shown = actions.slice(0, 3).join(', ') + (actions.length > 3 ? ', …' : '');
  return [
    { title: `Narrow to the ${actions.length} actions this file grants elsewhere: ${shown}`, values: actions, preferred: false },
    ...actions.slice(0, 4).map((a) => ({ title: `Narrow to ${a}`, values: [a], preferred: false })),
  ];
}

/** The RBAC rule (a `rules:` item) whose span holds `offset`, in any document of the file. */
function ruleAt(text: string, offset: number): { rule: SourceNode; documents: SourceNode[] } | undefined {
  const { documents } = parseYamlSource(text);
  for (const doc of documents)
    for (const rule of itemsOf(get(doc, 'rules'))) if (rule.start <= offset && offset < rule.end) return { rule, documents };
  return undefined;
}

/**
 * Choices for every `*` of the RBAC rule around `offset`: the rule is one finding (its other
 * wildcards are related locations), so each wildcard gets its own choices, the finding's first.
 */
function rbacChoices(text: string, offset: number): NarrowChoice[] {
  const found = ruleAt(text, offset);
  if (!found) return [];
  const fields = (['verbs', 'resources', 'apiGroups'] as const)
    .map((field) => ({ field, star: stringsOf(get(found.rule, field)).find((s) => s.value === '*') }))
    .filter((f) => f.star)
    .sort((a, b) => Number(!contains(b.star!, offset)) - Number(!contains(a.star!, offset)) || a.star!.start - b.star!.start);
  return fields.flatMap(({ field, star }) =>
    fieldChoices(field, found.rule, found.documents).map((c) => ({ ...c, at: { start: star!.start, end: star!.end } })),
  );
}

const contains = (node: { start: number; end: number }, offset: number) => node.start <= offset && offset <= node.end;

function fieldChoices(field: 'verbs' | 'resources' | 'apiGroups', rule: SourceNode, documents: SourceNode[]): NarrowChoice[] {
  const named = (f: string) =>
    stringsOf(get(rule, f))
      .map((s) => s.value)
      .filter((v) => v !== '*');
  // Kinds of object the file defines, other than the RBAC objects themselves.
  const kinds = documents
    .map((d) => stringValue(get(d, 'kind')))
    .filter((k): k is string => !!k && !/^(?:Cluster)?Role(?:Binding)?$|^ServiceAccount$/.test(k));
  switch (field) {
    case 'verbs':
      return [
        { title: `Narrow verbs to read-only: ${list(READ_VERBS)}`, values: READ_VERBS, preferred: false },
        {
          title: `Narrow verbs to read and write: ${list([...READ_VERBS, ...WRITE_VERBS])}`,
          values: [...READ_VERBS, ...WRITE_VERBS],
          preferred: false,
        },
      ];
    case 'apiGroups': {
      const resources = named('resources');
      const groups = [...new Set(resources.map((r) => API_GROUP[r.toLowerCase()]))];
      // Every listed resource has a known group: those are exactly the groups the rule needs.
      if (resources.length && !groups.includes(undefined as unknown as string))
        return [{ title: `Narrow apiGroups to those of ${list(resources)}: ${list(groups)}`, values: groups, preferred: true }];
      const fromKinds = [...new Set(kinds.map((k) => API_GROUP[resourceOfKind(k)]).filter((g): g is string => g !== undefined))];
      return fromKinds.length
        ? [{ title: `Narrow apiGroups to those of the objects this file defines: ${list(fromKinds)}`, values: fromKinds, preferred: false }]
        : [];
    }
    case 'resources': {
      const groups = named('apiGroups');
      const fromKinds = [...new Set(kinds.map(resourceOfKind))].filter(
        (r) => API_GROUP[r] !== undefined && (!groups.length || groups.includes(API_GROUP[r])),
      );
      const inGroups = groups.length ? Object.keys(API_GROUP).filter((r) => !r.includes('/') && groups.includes(API_GROUP[r])) : [];
      const choices: NarrowChoice[] = [];
      if (fromKinds.length)
        choices.push({
          title: `Narrow resources to the objects this file defines: ${list(fromKinds)}`,
          values: fromKinds,
          preferred: false,
        });
      if (inGroups.length && inGroups.length <= 8)
        choices.push({
          title: `Narrow resources to those of ${list(groups)}: ${list(inGroups.slice(0, 4))}${inGroups.length > 4 ? ', …' : ''}`,
          values: inGroups,
          preferred: false,
        });
      return choices;
    }
    default:
      return [];
  }
}

/** The choices for one wildcard finding; the analyser's candidates are used as given elsewhere. */
export function narrowChoices(finding: FixTarget, text: string, related?: () => RelatedIam): NarrowChoice[] {
  const iac = finding.fix.iac;
  if (!iac) return [];
  if (iac.check === 'k8s-rbac-wildcard') return rbacChoices(text, finding.offsets.start);
  if (iac.check.startsWith('aws-iam-'))
    return awsChoices(iac.narrower ?? [], iac.check, text, text.slice(finding.offsets.start, finding.offsets.end), related?.());
  if (!iac.narrower?.length) return [];
  const shown = iac.narrower.slice(0, 3).join(', ') + (iac.narrower.length > 3 ? ', …' : '');
  return [{ title: `Narrow to ${shown}`, values: iac.narrower, preferred: !iac.fix }];
}
