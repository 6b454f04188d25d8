import type { ChecksOf } from '../checkRegistry';
import { kustomizeLabelKeys } from './kustomizeLabels';
import { isOwnerKey, type IacContext, type IacIssue, type OffsetEdit, type IssueFrom } from '../iacIssue';
import { get, itemsOf, stringsOf, stringValue, type MapNode, type SourceNode, type StringAt } from '../sourceTree';
import { indentAt, indentUnit, lineStartOf, OWNER_PLACEHOLDER, startsLine } from '../textEdits';
import { folderRbacObjects } from './folderRbac';
import { hasOwnerLabel, objectFacts, type BoundAccount, type ObjectFacts, type WorkloadFacts } from './objectFacts';
import { verbsReadOnly } from './tokenGrants';

type KubernetesIssue = IssueFrom<'kubernetes'>;
/** What the files beside a manifest say about ServiceAccounts: which are granted a role that matters, which turn automount off. */
interface FolderGrants {
  granted: Array<{ name?: string; namespace?: string }>;
  noAutomount: Set<string | undefined>;
}

/**
 * Whether the folder grants the workload's account a role that matters. The namespace must agree
 * where both say it (unrelated manifests often share a folder). The `default` account is left to
 * its binding's own finding (k8s-default-service-account-binding): flagging every workload of the
 * namespace that runs on it, from another file, would repeat that finding once per workload.
 */
function grantedInFolder(folder: FolderGrants, account: string, namespace: string | undefined): boolean {
  return (
    account !== 'default' &&
    folder.granted.some((a) => a.name === account && (a.namespace === undefined || namespace === undefined || a.namespace === namespace))
  );
}

const READ_VERBS = ['get', 'list', 'watch', '*'];
const ESCALATION_VERBS: Record<string, string> = {
  escalate: 'grant permissions it does not hold',
  bind: 'bind any role',
  impersonate: 'act as other users, groups or service accounts',
};
/**
 * Cluster-scoped writes that amount to control of the cluster, with the verbs that give it:
 * writing an admission webhook configuration sends every new object (pods, their tokens and
 * secrets) through a server of the holder's choice, which can rewrite it; approving CSRs for any
 * signer mints client certificates for any user or group (system:masters).
 */
const CLUSTER_CONTROL_RESOURCES: Record<string, { verbs: string[]; why: string }> = {
  mutatingwebhookconfigurations: {
    verbs: ['create', 'update', 'patch'],
    why: 'register or rewrite mutating admission webhooks, which can change every object created in the cluster',
  },
  validatingwebhookconfigurations: {
    verbs: ['create', 'update', 'patch'],
    why: 'register or rewrite validating admission webhooks, which see every object created in the cluster',
  },
  'certificatesigningrequests/approval': {
    verbs: ['update', 'patch'],
    why: 'approve certificate signing requests, minting client certificates for any user or group when it may approve for any signer',
  },
};

const DANGEROUS_RESOURCES: Record<string, string> = {
  'pods/exec': 'run commands in any pod',
  'pods/attach': 'attach to any pod',
  'nodes/proxy': 'reach the kubelet API of nodes',
};

/**
 * What a Role/ClusterRole's own text gives, kept per tree between scans: an editor re-checks a
 * 5,000-line manifest on every keystroke, and its unchanged documents come back as the same
 * trees (yamlDocumentReuse.ts), their offsets moved in place to where their text now starts. The
 * facts depend on nothing but the tree's text (its kind, name and rules); the issues' offsets
 * are those of `at`, the tree's start when they were worked out, and are moved by as much as the
 * tree has moved since (as `shifted` moves the tree: unplaced offsets stay). A tree built afresh
 * (another parse, a copy) is another key. Weak: a dropped tree drops its facts.
 */
interface RoleFacts {
  kind: string;
  issues: RbacIssue[];
  at: number;
  /** Every verb of every rule is get, list or watch, and no aggregationRule (tokenGrants' reading). */
  readOnlyVerbs: boolean;
  /** Some rule has a write verb (powerfulRoles' reading). */
  writes: boolean;
}
const roleFacts = new WeakMap<SourceNode, RoleFacts>();

function factsOf(role: SourceNode, kind: string): RoleFacts {
  let facts = roleFacts.get(role);
  if (facts?.kind === kind) return facts;
  const rules = itemsOf(get(role, 'rules'));
  facts = {
    kind,
    issues: rbacRuleIssues(role, kind, objectFacts(role).resource),
    at: role.start,
    readOnlyVerbs: verbsReadOnly(role),
    writes: rules.some((r) => stringsOf(get(r, 'verbs')).some((v) => WRITE_VERBS.includes(v.value.toLowerCase()))),
  };
  roleFacts.set(role, facts);
  return facts;
}

/** A binding's issues, kept per tree like a role's facts: they depend on its text and on whether its role is powerful. */
interface BindingFacts {
  powerful: boolean;
  issues: RbacIssue[];
  at: number;
}
const bindingFacts = new WeakMap<SourceNode, BindingFacts>();

function bindingIssuesOf(doc: SourceNode, resource: string, powerful: Set<string>): RbacIssue[] {
  const roleName = objectFacts(doc).roleRefName;
  const isPowerful = roleName !== undefined && powerful.has(roleName);
  let facts = bindingFacts.get(doc);
  if (facts?.powerful !== isPowerful) {
    facts = { powerful: isPowerful, issues: bindingIssues(doc, resource, powerful), at: doc.start };
    bindingFacts.set(doc, facts);
  }
  return movedIssues(facts.issues, facts.at, doc.start);
}

/** Kept issues (copies) with their offsets moved from a tree at `from` to the same tree at `to`; unplaced offsets stay. */
function movedIssues(issues: RbacIssue[], from: number, to: number): RbacIssue[] {
  const by = to - from;
  const at = (offset: number) => (offset < 0 ? offset : offset + by);
  return issues.map((issue) => ({
    ...issue,
    start: at(issue.start),
    end: at(issue.end),
    ...(issue.related ? { related: issue.related.map((r) => ({ ...r, start: at(r.start), end: at(r.end) })) } : {}),
  }));
}

/** Analyses every document of a Kubernetes manifest. */
export function analyseKubernetes(documents: SourceNode[], text: string, ctx: IacContext, path?: string): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  // Each object's own reading is kept per tree (objectFacts.ts); what depends on the other
  // objects is worked out here, on every scan, from those facts.
  const objects: SourceNode[] = [];
  for (const d of documents) {
    const items = objectFacts(d).items;
    if (items) for (const item of items) objects.push(item);
    else objects.push(d);
  }
  const readOnly = (role: SourceNode, kind: string) => factsOf(role, kind).readOnlyVerbs && factsOf(role, kind).issues.length === 0;
  const { noAutomount, bound, powerful } = crossDocumentFacts(objects, readOnly, path);
  // The same for the folder (bindings and accounts in the files beside this one), read only when a workload asks.
  let folder: FolderGrants | undefined;
  const inFolder = (): FolderGrants => {
    if (folder) return folder;
    const siblings = folderRbacObjects(path, ctx);
    folder = siblings.length
      ? { granted: grantedAccountsOf([...objects, ...siblings], readOnly), noAutomount: accountsWithoutAutomountOf(siblings) }
      : { granted: [], noAutomount: new Set() };
    return folder;
  };
  let kustomized: string[] | undefined;
  const kustomizeKeys = () => (kustomized ??= kustomizeLabelKeys(path, ctx));
  const automountMode = ctx.settings.automountServiceAccountToken;
  for (const doc of objects) {
    const { kind, resource, workload, legacyTokenType } = objectFacts(doc);
    if (!kind) continue;
    if (kind === 'Role' || kind === 'ClusterRole') {
      const facts = factsOf(doc, kind);
      if (facts.issues.length) issues.push(...movedIssues(facts.issues, facts.at, doc.start));
    } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') issues.push(...bindingIssuesOf(doc, resource, powerful));
    else if (kind === 'ServiceAccount') {
      const i = serviceAccountOwner(doc, text, resource, ctx, kustomizeKeys);
      if (i) issues.push(i);
    } else if (legacyTokenType) {
      issues.push({
        check: 'k8s-legacy-service-account-token',
        start: legacyTokenType.start,
        end: legacyTokenType.end,
        resource,
        subject: resource,
        message: `${resource} is a legacy service-account token Secret: a token that never expires. Use projected tokens (TokenRequest API) instead`,
      });
    } else if (workload && automountMode !== 'off') {
      const issue = automountIssue(doc, workload, text, resource, ctx, noAutomount, bound, inFolder);
      if (issue) issues.push(issue);
    }
  }
  return issues;
}

/** What the objects of a file say about each other: which accounts turn automount off, which are bound to a role that matters, which roles are powerful. */
interface CrossDocumentFacts {
  /**
   * The kept facts of the objects these were read from that can change them (roles, bindings,
   * accounts), in order: one facts object per tree, so the same facts are the same trees. Those
   * of these kinds hold strings only, so no tree is kept alive here.
   */
  from: ObjectFacts[];
  noAutomount: Set<string | undefined>;
  bound: Set<string | undefined>;
  powerful: Set<string>;
}
/** The last scan's sets per file, for the few files scanned last (an editor's open manifests). */
const lastCrossDocument = new Map<string, CrossDocumentFacts>();
const CROSS_DOCUMENT_FILES = 16;

/**
 * The sets are a function of the roles', bindings' and ServiceAccounts' trees alone (their kept
 * facts): a keystroke in a workload or in text outside those leaves the same trees, and the last
 * scan of the same file (`path`) gives the sets again (compared by tree, through the identity of
 * their facts; without a path, they are worked out).
 */
function crossDocumentFacts(
  objects: SourceNode[],
  readOnly: (role: SourceNode, kind: string) => boolean,
  path: string | undefined,
): CrossDocumentFacts {
  const from: SourceNode[] = [];
  const keys: ObjectFacts[] = [];
  for (const d of objects) {
    const facts = objectFacts(d);
    const { kind } = facts;
    if (kind === 'Role' || kind === 'ClusterRole' || kind === 'RoleBinding' || kind === 'ClusterRoleBinding' || kind === 'ServiceAccount') {
      from.push(d);
      keys.push(facts);
    }
  }
  const last = path === undefined ? undefined : lastCrossDocument.get(path);
  if (last && last.from.length === keys.length && last.from.every((f, i) => f === keys[i])) return last;
  // A ServiceAccount in the same file that disables automount covers the workloads using it.
  const noAutomount = accountsWithoutAutomountOf(from);
  // ServiceAccounts some binding of this file grants a role that matters: their mounted tokens grant something.
  const bound = new Set(grantedAccountsOf(from, readOnly).map((a) => a.name));
  // powerfulRoles' reading, from the kept facts.
  const powerful = new Set<string>();
  for (const role of from) {
    const { kind, name } = objectFacts(role);
    if ((kind !== 'Role' && kind !== 'ClusterRole') || !name) continue;
    const facts = factsOf(role, kind);
    if (facts.writes || facts.issues.length > 0) powerful.add(name);
  }
  const facts = { from: keys, noAutomount, bound, powerful };
  if (path !== undefined) {
    lastCrossDocument.delete(path);
    lastCrossDocument.set(path, facts);
    if (lastCrossDocument.size > CROSS_DOCUMENT_FILES) lastCrossDocument.delete(lastCrossDocument.keys().next().value as string);
  }
  return facts;
}

/** Names of the ServiceAccounts among `objects` that turn automount off for every pod using them (folderRbac's reading, from the kept facts). */
function accountsWithoutAutomountOf(objects: SourceNode[]): Set<string | undefined> {
  const names = new Set<string | undefined>();
  for (const d of objects) {
    const facts = objectFacts(d);
    if (facts.automountOff) names.add(facts.name);
  }
  return names;
}

/** tokenGrants' `grantedAccounts`, from the kept facts. */
function grantedAccountsOf(objects: SourceNode[], readsOnly: (role: SourceNode, kind: string) => boolean): BoundAccount[] {
  const readOnlyRoles = new Set<string>();
  for (const d of objects) {
    const { kind, name } = objectFacts(d);
    if ((kind === 'Role' || kind === 'ClusterRole') && name && readsOnly(d, kind)) readOnlyRoles.add(`${kind}/${name}`);
  }
  const accounts: BoundAccount[] = [];
  for (const d of objects) {
    const { accounts: bound, roleRefKind, roleRefName } = objectFacts(d);
    if (!bound?.length || readOnlyRoles.has(`${roleRefKind ?? 'ClusterRole'}/${roleRefName ?? ''}`)) continue;
    for (const a of bound) accounts.push(a);
  }
  return accounts;
}

/** The RBAC checks, which Terraform's kubernetes provider can emit as well as manifests. */
export type RbacCheck = ChecksOf<'kubernetes'> & ChecksOf<'terraform'>;
type RbacIssue = IacIssue<RbacCheck>;

/** Most serious first: a rule's one finding takes the check of its most serious element. */
const RULE_SERIOUSNESS: RbacCheck[] = [
  'k8s-rbac-escalation-verb',
  'k8s-rbac-wildcard',
  'k8s-rbac-exec-or-proxy',
  'k8s-rbac-cluster-secrets-read',
  'k8s-rbac-secrets-read',
];

/**
 * One finding per RBAC rule: the rule's most serious check at its first offending element, the
 * other offending elements (a `"*"` in three fields, a verb and a subresource) as related locations.
 */
/**
 * The verbs of `verbs` among `wanted` (or "*"), as text, or undefined. Approving CSRs also needs
 * `approve` on `signers`: the role (any of its rules) must grant it for any signer (no
 * resourceNames, a wildcard one, or the API server's client signer).
 */
function controlVerbs(verbs: StringAt[], wanted: string[], resource: string, role: SourceNode): string | undefined {
  const found = verbs.filter((v) => v.value === '*' || wanted.includes(v.value.toLowerCase())).map((v) => v.value);
  if (!found.length) return undefined;
  if (resource === 'certificatesigningrequests/approval') {
    const approvesAnySigner = itemsOf(get(role, 'rules')).some((r) => {
      const approves = stringsOf(get(r, 'verbs')).some((v) => v.value === 'approve' || v.value === '*');
      const signers = stringsOf(get(r, 'resources')).some((x) => x.value === 'signers' || x.value === '*');
      const names = stringsOf(get(r, 'resourceNames'));
      const anySigner = !names.length || names.some((n) => n.value.includes('*') || n.value === 'kubernetes.io/kube-apiserver-client');
      return approves && signers && anySigner;
    });
    if (!approvesAnySigner) return undefined;
  }
  return found.join(', ');
}

export function rbacRuleIssues(doc: SourceNode, kind: string, resource: string): RbacIssue[] {
  const issues: RbacIssue[] = [];
  const cluster = kind === 'ClusterRole';
  itemsOf(get(doc, 'rules')).forEach((rule, r) => {
    const verbs = stringsOf(get(rule, 'verbs'));
    const resources = stringsOf(get(rule, 'resources'));
    const groups = stringsOf(get(rule, 'apiGroups'));
    const named = stringsOf(get(rule, 'resourceNames')).length > 0;
    const at = `${resource} rule ${r + 1}`;
    const offences: Array<{ check: RbacCheck; at: StringAt; what: string; narrower?: string[] }> = [];
    for (const [field, list] of [
      ['verbs', verbs],
      ['resources', resources],
      ['apiGroups', groups],
    ] as const) {
      for (const item of list) {
        if (item.value === '*')
          offences.push({
            check: 'k8s-rbac-wildcard',
            at: item,
            what: `${at} allows "*" in ${field}: list the ${field} it needs`,
            narrower: field === 'verbs' ? ['get', 'list', 'watch'] : undefined,
          });
      }
    }
    for (const v of verbs) {
      const why = ESCALATION_VERBS[v.value.toLowerCase()];
      if (why) offences.push({ check: 'k8s-rbac-escalation-verb', at: v, what: `${at} grants "${v.value}": it can ${why}` });
    }
    const creates = verbs.some((v) => v.value === 'create' || v.value === '*');
    for (const res of resources) {
      const name = res.value.toLowerCase();
      const why = DANGEROUS_RESOURCES[name];
      // nodes are cluster-scoped: nodes/proxy in a namespaced Role grants nothing.
      if (why && (cluster || !name.startsWith('nodes/')))
        offences.push({ check: 'k8s-rbac-exec-or-proxy', at: res, what: `${at} grants access to ${res.value}: it can ${why}` });
      else if (name === 'pods/*' && creates)
        offences.push({
          check: 'k8s-rbac-exec-or-proxy',
          at: res,
          what: `${at} grants create on pods/*, which includes pods/exec and pods/attach`,
        });
      else if (cluster && CLUSTER_CONTROL_RESOURCES[name] && controlVerbs(verbs, CLUSTER_CONTROL_RESOURCES[name].verbs, name, doc))
        offences.push({
          check: 'k8s-rbac-escalation-verb',
          at: res,
          what: `${at} grants ${controlVerbs(verbs, CLUSTER_CONTROL_RESOURCES[name].verbs, name, doc)} on ${res.value}: it can ${CLUSTER_CONTROL_RESOURCES[name].why}`,
        });
      else if (name === 'serviceaccounts/token' && creates)
        offences.push({
          check: 'k8s-rbac-escalation-verb',
          at: res,
          what: `${at} grants create on serviceaccounts/token: it can mint tokens for, and act as, every ServiceAccount in scope`,
        });
    }
    const readsSecrets =
      !named &&
      verbs.some((v) => READ_VERBS.includes(v.value.toLowerCase())) &&
      (groups.length === 0 || groups.some((g) => g.value === '' || g.value === '*'));
    for (const res of resources) {
      if (readsSecrets && res.value === 'secrets')
        offences.push(
          cluster
            ? {
                check: 'k8s-rbac-cluster-secrets-read',
                at: res,
                what: `${at} reads Secrets in every namespace: use a namespaced Role, with resourceNames where possible`,
              }
            : {
                check: 'k8s-rbac-secrets-read',
                at: res,
                what: `${at} reads every Secret of the namespace: name the ones it needs with resourceNames`,
              },
        );
    }
    // Creating pods in every namespace means running a pod as any ServiceAccount there and
    // reading its token from the pod: every account's rights, not only this role's. Reported
    // only when nothing else in the rule is, so that a sharper finding keeps its own check.
    const podCreate = resources.find((res) => res.value.toLowerCase() === 'pods');
    if (!offences.length && cluster && creates && podCreate && !named && (groups.length === 0 || groups.some((g) => g.value === '')))
      offences.push({
        check: 'k8s-rbac-escalation-verb',
        at: podCreate,
        what: `${at} grants create on pods in every namespace: it can run a pod as any ServiceAccount and use its token`,
      });
    if (!offences.length) return;
    const check = RULE_SERIOUSNESS.find((c) => offences.some((o) => o.check === c))!;
    // The first offending element in the text carries the finding (apiGroups before verbs).
    const main = offences.filter((o) => o.check === check).sort((a, b) => a.at.start - b.at.start)[0];
    const related = offences
      .filter((o) => o !== main)
      .sort((a, b) => a.at.start - b.at.start)
      .map((o) => ({ start: o.at.start, end: o.at.end, message: o.what }));
    const more = related.length
      ? ` (${related.length} more element${related.length > 1 ? 's' : ''} of this rule: see related locations)`
      : '';
    const base = { start: main.at.start, end: main.at.end, resource, subject: `${resource}|${r}|${check}`, message: `${main.what}${more}` };
    const extra = related.length ? { related } : {};
    if (check === 'k8s-rbac-wildcard') {
      const narrower = main.narrower ?? offences.find((o) => o.narrower)?.narrower;
      issues.push({ check, ...base, ...extra, ...(narrower ? { narrower } : {}) });
    } else issues.push({ check, ...base, ...extra });
  });
  return issues;
}

/** Built-in ClusterRoles that write, exec into pods or read Secrets (cluster-admin has its own check). */
const POWERFUL_BUILTIN_ROLES = ['admin', 'edit'];
/** The built-in roles Kubernetes itself binds to unauthenticated requests (health, version, discovery). */
const PUBLIC_ROLES = ['system:public-info-viewer', 'system:discovery', 'system:basic-user'];
const isAnonymous = (s: { kind?: string; name: string }) =>
  (s.kind === 'Group' && s.name === 'system:unauthenticated') || (s.kind === 'User' && s.name === 'system:anonymous');
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', '*'];

/**
 * The names of the roles among `roles` (Role/ClusterRole objects, or their Terraform equivalent
 * in manifest shape) that grant more than reading: an RBAC finding of their own, or a write verb.
 */
export function powerfulRoles(
  roles: SourceNode[],
  hasFinding: (role: SourceNode, kind: string) => boolean = (role, kind) => rbacRuleIssues(role, kind, '').length > 0,
): Set<string> {
  const names = new Set<string>();
  for (const role of roles) {
    const name = stringValue(get(role, 'metadata', 'name'));
    if (!name) continue;
    const kind = stringValue(get(role, 'kind')) === 'Role' ? 'Role' : 'ClusterRole';
    const writes = itemsOf(get(role, 'rules')).some((r) =>
      stringsOf(get(r, 'verbs')).some((v) => WRITE_VERBS.includes(v.value.toLowerCase())),
    );
    if (writes || hasFinding(role, kind)) names.add(name);
  }
  return names;
}

/** Groups every service account (of a namespace) or every user is in: a role bound to them is given to all. */
function broadGroupMembers(kind: string | undefined, name: string): string | undefined {
  if (kind === 'Group') {
    if (name === 'system:serviceaccounts') return 'every ServiceAccount of the cluster';
    if (name.startsWith('system:serviceaccounts:'))
      return `every ServiceAccount of namespace ${name.slice('system:serviceaccounts:'.length)}`;
    if (name === 'system:authenticated') return 'every signed-in user and ServiceAccount';
    if (name === 'system:unauthenticated') return 'anyone who can reach the API server, signed in or not';
  }
  if (kind === 'User' && name === 'system:anonymous') return 'anyone who can reach the API server, signed in or not';
  return undefined;
}

/**
 * Bindings: cluster-admin to anyone; a role that grants more than reading (`admin`, `edit`, or a
 * role of the same file with write verbs or RBAC findings) to a group every account or user is
 * in; any role to a namespace's default ServiceAccount. One finding per binding, most serious first.
 */
export function bindingIssues(doc: SourceNode, resource: string, powerful: Set<string> = new Set()): RbacIssue[] {
  const role = get(doc, 'roleRef', 'name');
  const roleName = stringValue(role);
  if (!role || !roleName) return [];
  const subjects = itemsOf(get(doc, 'subjects')).map((s) => ({
    node: s,
    kind: stringValue(get(s, 'kind')),
    name: stringValue(get(s, 'name')) ?? '?',
    namespace: stringValue(get(s, 'namespace')),
  }));
  type Subject = (typeof subjects)[number];
  const who = (s: Subject) => {
    const members = broadGroupMembers(s.kind, s.name);
    return `${s.kind ?? 'subject'} ${s.namespace ? `${s.namespace}/` : ''}${s.name}${members ? ` (${members})` : ''}`;
  };
  const place = (s: Subject) => {
    const n = get(s.node, 'name') ?? s.node;
    return { start: n.start, end: n.end };
  };
  if (roleName === 'cluster-admin') {
    // system:masters holds cluster-admin by design; binding it again changes nothing.
    const granted = subjects.filter((s) => s.kind && s.name !== 'system:masters');
    if (!granted.length) return [];
    return [
      {
        check: 'k8s-cluster-admin-binding',
        start: role.start,
        end: role.end,
        resource,
        subject: `${resource}|cluster-admin`,
        message: `${resource} binds cluster-admin to ${granted.map(who).join(', ')}: anything running or signed in as it owns the cluster`,
      },
    ];
  }
  const defaults = subjects.filter((s) => s.kind === 'ServiceAccount' && s.name === 'default');
  const writes = POWERFUL_BUILTIN_ROLES.includes(roleName) || powerful.has(roleName);
  // Anonymous requests get any role but the public discovery ones: even `view` shows them every object but Secrets.
  const broad = writes
    ? subjects.filter((s) => broadGroupMembers(s.kind, s.name))
    : PUBLIC_ROLES.includes(roleName)
      ? []
      : subjects.filter(isAnonymous);
  if (broad.length) {
    const [first, ...rest] = [...broad, ...defaults];
    return [
      {
        check: 'k8s-broad-group-binding',
        ...place(first),
        resource,
        subject: `${resource}|group|${first.name}|${roleName}`,
        message: `${resource} binds ${roleName}${writes ? ', which grants more than reading,' : ''} to ${first.kind === 'User' ? 'the user' : 'the group'} ${first.name}: ${broadGroupMembers(first.kind, first.name)} gets it. Bind it to the accounts that need it`,
        ...(rest.length ? { related: rest.map((s) => ({ ...place(s), message: `also ${who(s)}` })) } : {}),
      },
    ];
  }
  if (!defaults.length) return [];
  const first = defaults[0];
  return [
    {
      check: 'k8s-default-service-account-binding',
      ...place(first),
      resource,
      subject: `${resource}|default|${roleName}`,
      message: `${resource} binds ${roleName} to the default ServiceAccount${first.namespace ? ` of ${first.namespace}` : ''}: every pod there without its own account gets it`,
      ...(defaults.length > 1 ? { related: defaults.slice(1).map((s) => ({ ...place(s), message: `also ${who(s)}` })) } : {}),
    },
  ];
}

/** `kustomizeKeys`: the label keys a kustomization beside the file adds (read once per scan, when an account lacks an owner). */
function serviceAccountOwner(
  doc: SourceNode,
  text: string,
  resource: string,
  ctx: IacContext,
  kustomizeKeys: () => string[],
): KubernetesIssue | undefined {
  const keys = ctx.settings.ownerTags;
  if (hasOwnerLabel(doc, keys, (key) => isOwnerKey(key, keys))) return undefined;
  const metadata = get(doc, 'metadata');
  const labels = get(metadata, 'labels');
  // A kustomization beside the file may add the owner label to everything it lists.
  if (kustomizeKeys().some((k) => isOwnerKey(k, keys))) return undefined;
  const nameNode = get(metadata, 'name') ?? get(doc, 'kind')!;
  const edit = labelEdit(text, metadata, labels, keys[0]);
  return {
    check: 'missing-owner-tag',
    start: nameNode.start,
    end: nameNode.end,
    resource,
    subject: resource,
    message: `${resource} has no "${keys[0]}" label or annotation: nobody is accountable for this identity`,
    ...(edit ? { fix: { title: `Add an "${keys[0]}" label`, edits: [edit], ownerFormat: 'kubernetes-label' as const } } : {}),
  };
}

function labelEdit(text: string, metadata: SourceNode | undefined, labels: SourceNode | undefined, key: string): OffsetEdit | undefined {
  const pair = `${key}: ${OWNER_PLACEHOLDER}`;
  if (labels?.type === 'map' && labels.entries[0] && startsLine(text, labels.entries[0].keyStart)) {
    const first = labels.entries[0];
    const at = lineStartOf(text, first.keyStart);
    return { start: at, end: at, newText: `${indentAt(text, first.keyStart)}${pair}\n` };
  }
  if (labels || metadata?.type !== 'map') return undefined;
  const first = (metadata as MapNode).entries[0];
  if (!first || !startsLine(text, first.keyStart)) return undefined;
  const indent = indentAt(text, first.keyStart);
  const at = lineStartOf(text, first.keyStart);
  return { start: at, end: at, newText: `${indent}labels:\n${indent}${indentUnit(text)}${pair}\n` };
}

/** A workload's finding for its mounted token (`workload`: its kept reading), given what the file and its folder grant. */
function automountIssue(
  doc: SourceNode,
  workload: WorkloadFacts,
  text: string,
  resource: string,
  ctx: IacContext,
  noAutomount: Set<string | undefined>,
  bound: Set<string | undefined>,
  inFolder: () => FolderGrants,
): KubernetesIssue | undefined {
  const { spec, automount, account } = workload;
  if (noAutomount.has(account)) return undefined;
  const mode = ctx.settings.automountServiceAccountToken;
  const boundHere = bound.has(account);
  const namespace = objectFacts(doc).namespace;
  const boundBeside = !boundHere && grantedInFolder(inFolder(), account, namespace);
  if (mode === 'bound' && !boundHere && !boundBeside) return undefined;
  if (account !== 'default' && mode === 'default-service-account' && !automount) return undefined;
  // The account's own manifest beside this file may turn automount off (a workload's `true` overrides it).
  if (!automount && inFolder().noAutomount.has(account)) return undefined;
  const grantedBy = boundHere ? 'in this file' : boundBeside ? 'beside this file' : undefined;
  const at = automount ? { start: automount.value.start, end: automount.value.end } : { start: spec.keyStart, end: spec.keyEnd };
  const first = spec.value.entries[0];
  const edits: OffsetEdit[] = automount
    ? [{ start: automount.value.start, end: automount.value.end, newText: 'false' }]
    : first && startsLine(text, first.keyStart)
      ? [
          {
            start: lineStartOf(text, first.keyStart),
            end: lineStartOf(text, first.keyStart),
            newText: `${indentAt(text, first.keyStart)}automountServiceAccountToken: false\n`,
          },
        ]
      : [];
  return {
    check: 'k8s-automount-service-account-token',
    ...at,
    resource,
    subject: resource,
    message: `${resource} mounts the "${account}" ServiceAccount token${grantedBy ? `, which a binding ${grantedBy} grants a role` : account === 'default' ? ', which a workload on the default account rarely needs' : ''}: set automountServiceAccountToken: false unless it calls the Kubernetes API`,
    ...(edits.length ? { fix: { title: 'Set automountServiceAccountToken: false', edits } } : {}),
  };
}
