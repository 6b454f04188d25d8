import * as assert from 'node:assert/strict';
import { defaultEngine } from '../../support/engineFixture';

/** `check@line:element (+related)` of each RBAC binding finding. */
function scan(path: string, text: string): string[] {
  return defaultEngine()
    .scan({ path, text })
    .findings.filter((f) => /binding/.test(f.fix.iac?.check ?? ''))
    .map(
      (f) =>
        `${f.fix.iac?.check}@${f.range.start.line + 1}:${text.slice(f.offsets.start, f.offsets.end)}` +
        (f.related?.length ? ` +${f.related.map((r) => text.slice(r.offsets.start, r.offsets.end)).join(',')}` : ''),
    );
}

const binding = (role: string, ...subjects: string[]) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: b
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
subjects:
${subjects.map((s) => `  - ${s}\n`).join('')}`;
const group = (name: string) => `kind: Group\n    name: ${name}\n    apiGroup: rbac.authorization.k8s.io`;
const account = (name: string, ns: string) => `kind: ServiceAccount\n    name: ${name}\n    namespace: ${ns}`;

describe('RBAC bindings to the groups every account or user is in (issue 12)', () => {
  for (const name of ['system:serviceaccounts', 'system:serviceaccounts:apps', 'system:authenticated', 'system:unauthenticated'])
    it(`edit bound to ${name} is a finding at the group`, () => {
      assert.deepEqual(scan('b.yaml', binding('edit', group(name))), [`k8s-broad-group-binding@11:${name}`]);
    });

  it('the anonymous user counts as the unauthenticated group', () => {
    assert.deepEqual(scan('b.yaml', binding('admin', 'kind: User\n    name: system:anonymous')), [
      'k8s-broad-group-binding@11:system:anonymous',
    ]);
  });

  it('read-only and unknown roles bound to the groups are not reported', () => {
    assert.deepEqual(scan('b.yaml', binding('view', group('system:serviceaccounts'))), []);
    assert.deepEqual(scan('b.yaml', binding('system:public-info-viewer', group('system:unauthenticated'))), []);
    assert.deepEqual(scan('b.yaml', binding('team-reader', group('system:authenticated'))), []);
  });

  it('powerful roles bound to other groups or named accounts are not this check', () => {
    assert.deepEqual(scan('b.yaml', binding('edit', group('system:serviceaccounts-admins'))), []);
    assert.deepEqual(scan('b.yaml', binding('edit', account('ci', 'ci'))), []);
  });

  it('a role of the same file counts when it writes or has RBAC findings of its own', () => {
    const role = (verbs: string, resources = 'deployments') =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team\nrules:\n  - apiGroups: [""]\n    resources: [${resources}]\n    verbs: [${verbs}]\n---\n`;
    const bound = binding('team', group('system:serviceaccounts'));
    assert.deepEqual(scan('b.yaml', role('get, create') + bound), ['k8s-broad-group-binding@20:system:serviceaccounts']);
    assert.deepEqual(scan('b.yaml', role('get, list').replace('deployments', 'pods') + bound), []);
    // A role reading every Secret is its own finding, and makes the binding one too.
    const secrets = scan('b.yaml', role('get, list', 'secrets') + bound);
    assert.ok(secrets.includes('k8s-broad-group-binding@20:system:serviceaccounts'), secrets.join('; '));
  });

  it('cluster-admin keeps its own check and says who the group is; one finding per binding', () => {
    const got = scan('b.yaml', binding('cluster-admin', group('system:authenticated')));
    assert.deepEqual(got, ['k8s-cluster-admin-binding@8:cluster-admin']);
    const message = defaultEngine().scan({ path: 'b.yaml', text: binding('cluster-admin', group('system:authenticated')) }).findings[0]
      .message;
    assert.match(message, /every signed-in user/);
  });

  it('a binding to a group and to the default account is one finding, the account related', () => {
    assert.deepEqual(scan('b.yaml', binding('edit', account('default', 'apps'), group('system:serviceaccounts:apps'))), [
      'k8s-broad-group-binding@14:system:serviceaccounts:apps +default',
    ]);
  });

  it("the same with Terraform's kubernetes provider, and its roles of the same file", () => {
    const tf = (role: string, group: string, roleBlock = '') =>
      `${roleBlock}resource "kubernetes_cluster_role_binding_v1" "b" {\n  metadata {\n    name = "b"\n  }\n  role_ref {\n    api_group = "rbac.authorization.k8s.io"\n    kind      = "ClusterRole"\n    name      = "${role}"\n  }\n  subject {\n    kind      = "Group"\n    name      = "${group}"\n    api_group = "rbac.authorization.k8s.io"\n  }\n}\n`;
    assert.deepEqual(scan('rbac.tf', tf('edit', 'system:serviceaccounts')), ['k8s-broad-group-binding@12:system:serviceaccounts']);
    assert.deepEqual(scan('rbac.tf', tf('view', 'system:serviceaccounts')), []);
    const role = (verbs: string) =>
      `resource "kubernetes_cluster_role_v1" "team" {\n  metadata {\n    name = "team"\n  }\n  rule {\n    api_groups = ["apps"]\n    resources  = ["deployments"]\n    verbs      = [${verbs}]\n  }\n}\n\n`;
    assert.deepEqual(scan('rbac.tf', tf('team', 'system:authenticated', role('"get", "patch"'))), [
      'k8s-broad-group-binding@23:system:authenticated',
    ]);
    assert.deepEqual(scan('rbac.tf', tf('team', 'system:authenticated', role('"get", "list"'))), []);
  });
});
