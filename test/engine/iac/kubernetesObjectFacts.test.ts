import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { DEFAULT_IAC_SETTINGS, type IacContext } from '../../../engine/iac/iacIssue';
import { analyseKubernetes } from '../../../engine/iac/kubernetes/kubernetesAnalyzer';
import { hasOwnerLabel, objectFacts } from '../../../engine/iac/kubernetes/objectFacts';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { loadIamData } from '../../../workspace/iamDataFile';

/**
 * Each object's own reading is kept per tree between scans (objectFacts.ts), and the sets that
 * tie objects together (accounts bound to a role that matters, accounts with automount off,
 * powerful roles) are used again while the roles, bindings and accounts are the same trees. After
 * every edit of a long editing session, the findings must be those of a fresh analysis of fresh
 * trees: edits here rename accounts and roles, flip automount, turn workloads into pods, change
 * verbs and namespaces, so that what one document says changes another's finding.
 */

function manifestDocument(i: number): string {
  const n = i % 4;
  switch (i % 9) {
    case 0:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: role-${n}\n  namespace: ns-${i % 2}\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "${i % 2 ? 'list' : 'create'}"]`;
    case 1:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: bind-${i}\n  namespace: ns-${i % 2}\nroleRef:\n  kind: Role\n  name: role-${n}\nsubjects:\n  - kind: ServiceAccount\n    name: sa-${n}`;
    case 2:
      return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${n}\n  labels: { owner: team-${n} }\nautomountServiceAccountToken: ${i % 2 === 0 ? 'false' : 'true'}`;
    case 3:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ns-${i % 2}\nspec:\n  template:\n    spec:\n      serviceAccountName: sa-${n}\n      containers:\n        - name: app\n          image: app:${i}`;
    case 4:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: job-${i}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          automountServiceAccountToken: true\n          serviceAccountName: sa-${n}\n          containers:\n            - image: job:${i}`;
    case 5:
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  serviceAccountName: listed-${n}\n  containers:\n    - name: c\n      image: pod:${i}`;
    case 6:
      return `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: listed-${n}\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRoleBinding\n    metadata:\n      name: listed-bind-${i}\n    roleRef:\n      kind: ClusterRole\n      name: edit\n    subjects:\n      - kind: ServiceAccount\n        name: listed-${n}\n        namespace: ns-1`;
    case 7:
      return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: token-${i}\ntype: kubernetes.io/service-account-token`;
    default:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n  key: value`;
  }
}

/** Replacements of words the manifest holds, at their n-th place: each changes what a document says to the others. */
const SWAPS: Array<[string, string]> = [
  ['sa-1', 'sa-2'],
  ['sa-2', 'default'],
  ['listed-1', 'sa-3'],
  ['"list"', '"create"'],
  ['"get"', '"*"'],
  ['configmaps', 'secrets'],
  ['role-0', 'role-1'],
  ['kind: Role\n', 'kind: ClusterRole\n'],
  ['false', 'true'],
  ['true', 'false'],
  ['Deployment', 'Pod'],
  ['Pod', 'Deployment'],
  ['ns-0', 'ns-1'],
  ['owner', 'team'],
  ['image', 'imagex'],
  ['ServiceAccount', 'ConfigMap'],
  ['ConfigMap', 'ServiceAccount'],
  ['edit', 'view'],
  ['kubernetes.io/service-account-token', 'Opaque'],
  ['---\n', ''],
];

/** What an edit inserts at a random place: a character, a line, a document break. */
const INSERTS = [
  'a',
  ' ',
  '\n',
  ':',
  '-',
  '---\n',
  '\n---\n',
  '  automountServiceAccountToken: false\n',
  'kind: ServiceAccount\n',
  '# c\n',
];

type Edit = { type: 'swap'; swap: number; nth: number } | { type: 'insert'; at: number; remove: number; insert: string };

const EDIT: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ type: fc.constant('swap' as const), swap: fc.nat({ max: SWAPS.length - 1 }), nth: fc.nat({ max: 30 }) }),
  fc.record({
    type: fc.constant('insert' as const),
    at: fc.nat(),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3 })),
  }),
);

function applyEdit(text: string, e: Edit): string {
  if (e.type === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
  }
  const [from, to] = SWAPS[e.swap];
  const places: number[] = [];
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) places.push(i);
  if (!places.length) return text;
  const at = places[e.nth % places.length];
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('Kubernetes object facts kept per tree, with cross-document RBAC', () => {
  const base = Array.from({ length: 45 }, (_, i) => manifestDocument(i)).join('\n---\n') + '\n';
  const sibling = `kind: RoleBinding\nmetadata:\n  name: beside\n  namespace: ns-0\nroleRef:\n  kind: ClusterRole\n  name: admin\nsubjects:\n  - kind: ServiceAccount\n    name: sa-3\n---\nkind: ServiceAccount\nmetadata:\n  name: sa-0\nautomountServiceAccountToken: false\n`;
  const kustomization = `resources:\n  - app.yaml\ncommonLabels:\n  team: platform\n`;
  const context = (mode: IacContext['settings']['automountServiceAccountToken'], ownerTags?: string[]): IacContext => ({
    settings: { ...DEFAULT_IAC_SETTINGS, automountServiceAccountToken: mode, ...(ownerTags ? { ownerTags } : {}) },
    iam: IamActions.of(loadIamData),
    siblingManifests: () => [{ path: 'deploy/rbac.yaml', text: sibling }],
    siblingFiles: () => [{ path: 'deploy/kustomization.yaml', text: kustomization }],
  });
  const path = 'deploy/app.yaml';
  // The reference is analysed under a new path each time (the same file name, which the
  // kustomization lists): the sets kept per path between scans are then never used for it.
  let references = 0;
  const fresh = (text: string, ctx: IacContext) =>
    analyseKubernetes(parseYamlSource(text).documents, text, ctx, `reference-${references++}/app.yaml`);

  it('the generated manifest has findings that depend on other documents', () => {
    const checks = new Set(fresh(base, context('bound')).map((i) => i.check));
    for (const check of ['k8s-automount-service-account-token', 'k8s-legacy-service-account-token'] as const)
      assert.ok(checks.has(check), `${check} among ${[...checks].join(', ')}`);
    // A workload is flagged or not depending on another document: its account's binding.
    const unbound = base.replaceAll('        name: listed-', '        name: other-');
    assert.notEqual(unbound, base);
    const flagged = (text: string) =>
      fresh(text, context('bound'))
        .filter((i) => i.check === 'k8s-automount-service-account-token')
        .map((i) => i.resource);
    assert.ok(flagged(base).includes('Pod/pod-5'), flagged(base).join(', '));
    assert.ok(!flagged(unbound).includes('Pod/pod-5'), flagged(unbound).join(', '));
  });

  for (const [name, ctx] of [
    ['automount: bound', context('bound')],
    ['automount: default-service-account', context('default-service-account')],
    ['default settings', context(DEFAULT_IAC_SETTINGS.automountServiceAccountToken)],
    ['owner key "team" (kustomization adds it)', context('bound', ['team'])],
  ] as const)
    it(`seeded random edits (${name}): after every edit, the kept path finds what a fresh analysis finds`, () => {
      fc.assert(
        fc.property(fc.array(EDIT, { minLength: 1, maxLength: 30 }), (edits) => {
          const reuse = new YamlDocumentReuse({ from: 0 });
          const kept = (text: string) => analyseKubernetes(reuse.parse(path, text).documents, text, ctx, path);
          let text = base;
          assert.deepEqual(kept(text), fresh(text, ctx));
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(kept(text), fresh(text, ctx), `after ${JSON.stringify(e)}`);
          }
        }),
        { seed: 4242, numRuns: 60 },
      );
    });

  it('an unchanged document keeps its facts; an edited one is read again', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const before = reuse.parse(path, base).documents;
    const edited = base.replace('name: app-3\n', 'name: app-3x\n');
    assert.notEqual(edited, base);
    const after = reuse.parse(path, edited).documents;
    const last = before.length - 1;
    assert.equal(objectFacts(after[last]), objectFacts(before[last]), 'the last document, moved, keeps its facts');
    assert.equal(objectFacts(after[3]).name, 'app-3x');
    assert.equal(objectFacts(before[3]).name, 'app-3', 'the old tree of the edited document is another key');
    // Whether an account has an owner label is kept for the owner keys asked about, and asked again for others.
    const account = after[2];
    assert.equal(objectFacts(account).kind, 'ServiceAccount');
    assert.equal(
      hasOwnerLabel(account, ['owner'], (k) => k === 'owner'),
      true,
    );
    assert.equal(
      hasOwnerLabel(account, ['team'], (k) => k === 'team'),
      false,
    );
    assert.equal(
      hasOwnerLabel(account, ['owner'], (k) => k === 'owner'),
      true,
    );
  });
});
