import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../../workspace/engineFactory';
import { testEngine } from '../../support/engineFixture';

/**
 * A workload's mounted token is worth reporting when its ServiceAccount is granted something:
 * the binding that grants it is often in a file beside the workload (rbac.yaml next to
 * deployment.yaml), and a ServiceAccount there may turn automount off.
 */
describe('Kubernetes token automount with the RBAC of the folder', () => {
  const deployment = (sa: string, automount = '') =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      serviceAccountName: ${sa}\n${automount}      containers:\n        - name: api\n          image: api:1\n`;
  const rbac = (sa: string, verbs = '"get", "list"', resources = '"secrets"') =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [${resources}]\n    verbs: [${verbs}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: reader\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: reader\nsubjects:\n  - kind: ServiceAccount\n    name: ${sa}\n    namespace: apps\n`;
  const account = (sa: string, automount: boolean) =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${sa}\n  labels:\n    owner: team-a\nautomountServiceAccountToken: ${automount}\n`;
  const automountFindings = (workload: string, siblings: Record<string, string>) =>
    testEngine({ siblingManifests: () => Object.entries(siblings).map(([p, text]) => ({ path: `k8s/${p}`, text })) })
      .scan({ path: 'k8s/deployment.yaml', text: workload })
      .findings.filter((f) => f.ruleId === 'k8s-automount-service-account-token');

  it('a binding beside the workload that grants its account a role that matters', () => {
    const found = automountFindings(deployment('api'), { 'rbac.yaml': rbac('api') });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /a binding beside this file grants a role/);
  });

  it('not when the binding names another account, grants only reads of ordinary objects, or the account turns automount off', () => {
    assert.equal(automountFindings(deployment('api'), { 'rbac.yaml': rbac('worker') }).length, 0);
    assert.equal(automountFindings(deployment('api'), { 'rbac.yaml': rbac('api', '"get", "watch"', '"services"') }).length, 0);
    assert.equal(automountFindings(deployment('api'), { 'rbac.yaml': rbac('api'), 'sa.yaml': account('api', false) }).length, 0);
    assert.equal(automountFindings(deployment('api'), {}).length, 0);
  });

  it('not when the binding is for the same name in another namespace, nor for the default account (its binding has its own finding)', () => {
    const inNamespace = (ns: string) => deployment('api').replace('  name: api\n', `  name: api\n  namespace: ${ns}\n`);
    assert.equal(automountFindings(inNamespace('apps'), { 'rbac.yaml': rbac('api') }).length, 1);
    assert.equal(automountFindings(inNamespace('billing'), { 'rbac.yaml': rbac('api') }).length, 0);
    assert.equal(automountFindings(deployment('default'), { 'rbac.yaml': rbac('default') }).length, 0);
  });

  it("a workload's own automountServiceAccountToken: true overrides its account's false", () => {
    const found = automountFindings(deployment('api', '      automountServiceAccountToken: true\n'), {
      'rbac.yaml': rbac('api'),
      'sa.yaml': account('api', false),
    });
    assert.equal(found.length, 1);
  });

  it('the workspace reader hands over the YAML files of the same folder, and the audit engine uses them', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-folder-rbac-'));
    try {
      fs.mkdirSync(path.join(root, 'k8s'));
      fs.mkdirSync(path.join(root, 'other'));
      fs.writeFileSync(path.join(root, 'k8s', 'deployment.yaml'), deployment('api'));
      fs.writeFileSync(path.join(root, 'other', 'rbac.yaml'), rbac('api'));
      const engine = () => createEngine({ root });
      const scan = () =>
        engine()
          .scan({ path: 'k8s/deployment.yaml', text: deployment('api') })
          .findings.filter((f) => f.ruleId === 'k8s-automount-service-account-token').length;
      assert.equal(scan(), 0, 'a binding in another folder is not read');
      fs.writeFileSync(path.join(root, 'k8s', 'rbac.yml'), rbac('api'));
      assert.equal(scan(), 1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
