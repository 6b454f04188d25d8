import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IamActions } from '../../../engine/iac/aws/iamActions';
import { HclBlockReuse } from '../../../engine/iac/hcl/hclBlockReuse';
import { DEFAULT_IAC_SETTINGS, type IacContext } from '../../../engine/iac/iacIssue';
import { analyseIac } from '../../../engine/iac/iacScanner';
import { analyseKubernetes } from '../../../engine/iac/kubernetes/kubernetesAnalyzer';
import { WorkflowJobReuse } from '../../../engine/iac/workflowJobReuse';
import { YamlDocumentReuse } from '../../../engine/iac/yamlDocumentReuse';
import { parseYamlSource } from '../../../engine/iac/yamlSource';
import { loadIamData } from '../../../workspace/iamDataFile';

/**
 * The Kubernetes analyser keeps each role's and binding's own issues per tree between scans (the
 * unchanged documents come back as the same trees, moved in place): after every edit, what it
 * finds must be what a fresh analysis of fresh trees finds.
 */

/** One document of a generated manifest: roles with and without findings, bindings to them, accounts, workloads, a List. */
function manifestDocument(i: number): string {
  const n = i % 5;
  switch (i % 8) {
    case 0:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-${n}\nrules:\n  - apiGroups: [""]\n    resources: ["secrets", "pods/exec"]\n    verbs: ["get", "${i % 3 === 0 ? '*' : 'list'}"]`;
    case 1:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader-${n}\n  namespace: ns-${i % 2}\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]`;
    case 2:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: bind-${i}\n  namespace: ns-${i % 2}\nroleRef:\n  kind: Role\n  name: ${i % 3 === 0 ? `role-${n}` : `reader-${n}`}\nsubjects:\n  - kind: ServiceAccount\n    name: sa-${n}\n  - kind: ServiceAccount\n    name: default\n  - kind: Group\n    name: system:serviceaccounts`;
    case 3:
      return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: cbind-${i}\nroleRef:\n  kind: ClusterRole\n  name: ${i % 3 === 0 ? 'cluster-admin' : `role-${n}`}\nsubjects:\n  - kind: ServiceAccount\n    name: sa-${n}\n    namespace: ns-0\n  - kind: User\n    name: system:anonymous`;
    case 4:
      return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${n}\n${i % 3 === 0 ? '  labels: { owner: team-a }\n' : ''}automountServiceAccountToken: ${i % 2 === 0}`;
    case 5:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ns-${i % 2}\nspec:\n  template:\n    spec:\n      serviceAccountName: sa-${n}\n      containers:\n        - name: app\n          image: app:${i}`;
    case 6:
      return `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: Role\n    metadata:\n      name: listed-${n}\n    rules:\n      - resources: ["pods"]\n        verbs: ["create", "escalate"]\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: RoleBinding\n    metadata:\n      name: listed-bind-${i}\n    roleRef:\n      kind: Role\n      name: listed-${n}\n    subjects:\n      - kind: Group\n        name: system:authenticated`;
    default:
      return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: token-${i}\ntype: kubernetes.io/service-account-token`;
  }
}

/** What an edit inserts: text that changes a role's verbs or name (so a binding's role turns powerful or not), breaks a document, adds one. */
const INSERTS = [
  'a',
  ' ',
  '\n',
  '-',
  ':',
  '"',
  '[',
  '*',
  '---\n',
  '\n---\n',
  ', "*"',
  ', "create"',
  ', "escalate"',
  '"secrets", ',
  'role-1',
  'role-2',
  'reader-1',
  'sa-3',
  'default',
  'kind: ClusterRole\n',
  'kind: RoleBinding\n',
  'kind: Role\n',
  '  name: role-3\n',
  '    verbs: ["*"]\n',
  'roleRef:\n  name: role-4\n',
  'subjects:\n  - kind: ServiceAccount\n    name: default\n',
  'automountServiceAccountToken: false\n',
  '# comment\n',
];

const EDIT = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })),
});

const applyEdit = (text: string, e: { at: number; remove: number; insert: string }) => {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
};

describe('Kubernetes issues kept per document tree between scans', () => {
  const base = Array.from({ length: 40 }, (_, i) => manifestDocument(i)).join('\n---\n') + '\n';
  const sibling = `kind: RoleBinding\nmetadata:\n  name: beside\nroleRef:\n  kind: ClusterRole\n  name: role-0\nsubjects:\n  - kind: ServiceAccount\n    name: sa-2\n---\nkind: ServiceAccount\nmetadata:\n  name: sa-4\nautomountServiceAccountToken: false\n`;
  const ctx: IacContext = {
    settings: DEFAULT_IAC_SETTINGS,
    iam: IamActions.of(loadIamData),
    siblingManifests: () => [{ path: 'deploy/rbac.yaml', text: sibling }],
  };
  const bound: IacContext = { ...ctx, settings: { ...DEFAULT_IAC_SETTINGS, automountServiceAccountToken: 'bound' } };

  it('the generated manifest has findings of every kind the kept issues hold', () => {
    const checks = new Set(analyseKubernetes(parseYamlSource(base).documents, base, ctx, 'deploy/app.yaml').map((i) => i.check));
    for (const check of [
      'k8s-rbac-wildcard',
      'k8s-rbac-escalation-verb',
      'k8s-cluster-admin-binding',
      'k8s-broad-group-binding',
      'k8s-default-service-account-binding',
      'k8s-automount-service-account-token',
      'missing-owner-tag',
    ] as const)
      assert.ok(checks.has(check), `${check} among ${[...checks].join(', ')}`);
  });

  for (const [name, context] of [
    ['default settings', ctx],
    ['automount: bound', bound],
  ] as const)
    it(`random edits (${name}): the findings after every edit equal a full analysis of a fresh parse`, () => {
      fc.assert(
        fc.property(fc.array(EDIT, { minLength: 1, maxLength: 12 }), (edits) => {
          const reuse = {
            yaml: new YamlDocumentReuse({ from: 0 }),
            hcl: new HclBlockReuse({ from: 0 }),
            jobs: new WorkflowJobReuse({ from: 0 }),
          };
          let text = base;
          assert.deepEqual(
            analyseIac(text, 'deploy/app.yaml', 'yaml', context, true, reuse),
            analyseIac(text, 'deploy/app.yaml', 'yaml', context, true),
          );
          for (const e of edits) {
            text = applyEdit(text, e);
            assert.deepEqual(
              analyseIac(text, 'deploy/app.yaml', 'yaml', context, true, reuse),
              analyseIac(text, 'deploy/app.yaml', 'yaml', context, true),
              `after inserting ${JSON.stringify(e.insert)} at ${e.at % (text.length + 1)}`,
            );
          }
        }),
        { seed: 1717, numRuns: 150 },
      );
    });

  it('the same trees analysed again, moved and with a role turned powerful, give what fresh trees give', () => {
    const reuse = new YamlDocumentReuse({ from: 0 });
    const analyse = (text: string) => analyseKubernetes(reuse.parse('a.yaml', text).documents, text, ctx, 'a.yaml');
    const fresh = (text: string) => analyseKubernetes(parseYamlSource(text).documents, text, ctx, 'a.yaml');
    const texts = [
      base,
      base,
      `# moved\n${base}`,
      // reader-1 (a Role that only reads) gains a write verb: the bindings to it, unchanged, now bind a powerful role.
      base.replace(
        'kind: Role\nmetadata:\n  name: reader-1\n  namespace: ns-1\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]',
        'kind: Role\nmetadata:\n  name: reader-1\n  namespace: ns-1\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "create"]',
      ),
      base,
    ];
    assert.notEqual(texts[3], base, 'the role was edited');
    for (const [i, text] of texts.entries()) assert.deepEqual(analyse(text), fresh(text), `scan ${i}`);
    const powerfulBefore = fresh(base).filter((i) => i.check === 'k8s-broad-group-binding').length;
    const powerfulAfter = fresh(texts[3]).filter((i) => i.check === 'k8s-broad-group-binding').length;
    assert.ok(powerfulAfter > powerfulBefore, `bindings to the edited role change (${powerfulBefore} → ${powerfulAfter})`);
  });
});
