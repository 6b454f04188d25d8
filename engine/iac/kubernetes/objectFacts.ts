/**
 * What one Kubernetes object's own text says, read once per tree and kept between scans. An
 * editor re-checks a 5,000-line manifest (about 1,100 objects) on every keystroke; its unchanged
 * documents come back as the same trees, their offsets moved in place (yamlDocumentReuse.ts).
 * Walking every object's tree again on every scan (its kind, name, bindings' subjects, workloads'
 * pod specs) was most of the analyser's time and much of the garbage of the first edits.
 *
 * The facts hold strings, booleans and nodes of the object's own tree, never offsets: an offset
 * is read from the node when a finding is made, so it is where the tree is now. What depends on
 * other objects (which accounts are bound, which turn automount off, which roles are powerful)
 * is worked out on every scan from these facts, never kept here. A tree built afresh (another
 * parse, a copy) is another key; weak, so a dropped tree drops its facts.
 */
import { entry, get, itemsOf, stringValue, type MapEntry, type SourceNode } from '../sourceTree';

export const WORKLOAD_POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** A ServiceAccount a binding names as a subject, with the namespace the binding gives it. */
export interface BoundAccount {
  name?: string;
  namespace?: string;
}

/**
 * A workload whose pod spec may mount its account's token: a map spec, automount not turned off
 * (nor set to something other than a scalar), and some container with an image (a kustomize patch
 * names none). Whether that matters depends on the other objects and the settings.
 */
export interface WorkloadFacts {
  spec: MapEntry & { value: { type: 'map' } };
  /** `automountServiceAccountToken` when the spec sets it (to anything but false). */
  automount?: MapEntry;
  account: string;
}

export interface ObjectFacts {
  kind?: string;
  name?: string;
  namespace?: string;
  /** How findings name the object: Kind/namespace/name. */
  resource: string;
  /** The items of a `List`. */
  items?: SourceNode[];
  /** A ServiceAccount that turns automount off for the pods using it. */
  automountOff: boolean;
  /** A binding's roleRef and the ServiceAccounts it binds (tokenGrants' reading). */
  roleRefKind?: string;
  roleRefName?: string;
  accounts?: BoundAccount[];
  /** A legacy service-account token Secret: its `type` node. */
  legacyTokenType?: SourceNode;
  workload?: WorkloadFacts;
  /** Whether its labels or annotations carry an owner key, for the owner keys last asked about. */
  ownerKeys?: readonly string[];
  hasOwner?: boolean;
}

const kept = new WeakMap<SourceNode, ObjectFacts>();

export function objectFacts(node: SourceNode): ObjectFacts {
  let facts = kept.get(node);
  if (!facts) {
    facts = readFacts(node);
    kept.set(node, facts);
  }
  return facts;
}

/** Whether the object's labels or annotations hold an owner key (`isOwner`), kept for the same `keys`. */
export function hasOwnerLabel(node: SourceNode, keys: readonly string[], isOwner: (key: string) => boolean): boolean {
  const facts = objectFacts(node);
  if (facts.ownerKeys !== keys) {
    const metadata = get(node, 'metadata');
    facts.hasOwner = [get(metadata, 'labels'), get(metadata, 'annotations')].some(
      (m) => m?.type === 'map' && m.entries.some((e) => isOwner(e.key)),
    );
    facts.ownerKeys = keys;
  }
  return facts.hasOwner!;
}

function readFacts(node: SourceNode): ObjectFacts {
  const kind = stringValue(get(node, 'kind'));
  const metadata = get(node, 'metadata');
  const name = stringValue(get(metadata, 'name'));
  const namespace = stringValue(get(metadata, 'namespace'));
  const facts: ObjectFacts = {
    kind,
    name,
    namespace,
    resource: `${kind ?? 'object'}/${namespace ? `${namespace}/` : ''}${name ?? '(unnamed)'}`,
    automountOff: false,
  };
  if (kind === 'List') facts.items = itemsOf(get(node, 'items'));
  else if (kind === 'ServiceAccount') {
    const automount = get(node, 'automountServiceAccountToken');
    facts.automountOff = automount?.type === 'scalar' && automount.value === false;
  } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    facts.roleRefKind = stringValue(get(node, 'roleRef', 'kind'));
    facts.roleRefName = stringValue(get(node, 'roleRef', 'name'));
    facts.accounts = [];
    for (const s of itemsOf(get(node, 'subjects')))
      if (stringValue(get(s, 'kind')) === 'ServiceAccount')
        facts.accounts.push({ name: stringValue(get(s, 'name')), namespace: stringValue(get(s, 'namespace')) ?? namespace });
  } else if (kind === 'Secret') {
    const type = get(node, 'type');
    if (type?.type === 'scalar' && type.value === 'kubernetes.io/service-account-token') facts.legacyTokenType = type;
  } else if (kind && WORKLOAD_POD_SPEC[kind]) facts.workload = workloadFacts(node, WORKLOAD_POD_SPEC[kind]);
  return facts;
}

function workloadFacts(node: SourceNode, path: string[]): WorkloadFacts | undefined {
  let parent: SourceNode | undefined = node;
  for (let i = 0; i < path.length - 1; i++) parent = get(parent, path[i]);
  const spec = entry(parent, path[path.length - 1]);
  if (spec?.value.type !== 'map') return undefined;
  const automount = entry(spec.value, 'automountServiceAccountToken');
  if (automount?.value.type === 'scalar' && automount.value.value === false) return undefined;
  if (automount && automount.value.type !== 'scalar') return undefined;
  if (!itemsOf(get(spec.value, 'containers')).some((c) => get(c, 'image'))) return undefined;
  const account = stringValue(get(spec.value, 'serviceAccountName')) ?? stringValue(get(spec.value, 'serviceAccount')) ?? 'default';
  return { spec: spec as WorkloadFacts['spec'], automount, account };
}
