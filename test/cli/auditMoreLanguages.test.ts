import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, runCli } from './cliHarness';

// The bundled CLI on a workspace holding a Bicep project, an ARM template, a Helm chart, a
// Pulumi program and a CDK app: every file is recognised by its name and read by its analyser.
describe('nhi-lens audit on Bicep, ARM, Helm, Pulumi and CDK (bundled CLI)', function () {
  this.timeout(120_000);
  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-langs-'));
    const from = path.join(REPO, 'test', 'fixtures', 'iac');
    for (const dir of ['bicep', 'arm', 'helm-chart', 'pulumi']) fs.cpSync(path.join(from, dir), path.join(ws, dir), { recursive: true });
    fs.mkdirSync(path.join(ws, 'cdk', 'lib'), { recursive: true });
    fs.copyFileSync(path.join(from, 'cdk', 'reports-stack.ts.txt'), path.join(ws, 'cdk', 'lib', 'reports-stack.ts'));
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('reports each language’s findings under its own file, with no syntax errors for templates', () => {
    const run = runCli(['audit', '--format', 'json', '--fail-on', 'never'], ws);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; path: string }>; skipped: Array<{ reason: string }> };
    const byFile = new Map<string, string[]>();
    for (const f of report.findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f.ruleId]);
    const rules = (p: string) => [...new Set(byFile.get(p) ?? [])].sort();
    assert.deepEqual(rules('bicep/main.bicep'), [
      'azure-custom-role-wildcard',
      'azure-privileged-role-assignment',
      'missing-owner-tag',
      'owner-tag-not-static',
    ]);
    assert.deepEqual(rules('bicep/vault.bicep'), ['azure-key-vault-all-permissions']);
    assert.deepEqual(rules('arm/azuredeploy.json'), ['azure-custom-role-wildcard', 'azure-privileged-role-assignment']);
    assert.deepEqual(rules('helm-chart/templates/rbac.yaml'), [
      'k8s-cluster-admin-binding',
      'k8s-rbac-cluster-secrets-read',
      'k8s-rbac-wildcard',
    ]);
    assert.deepEqual(rules('pulumi/Pulumi.yaml').length, 6);
    assert.deepEqual(rules('cdk/lib/reports-stack.ts'), [
      'aws-cdk-grant-to-any-principal',
      'aws-iam-access-key-created',
      'aws-iam-admin-wildcard',
      'aws-iam-privileged-managed-policy',
      'aws-iam-trust-any-principal',
    ]);
    assert.deepEqual(
      report.skipped.filter((s) => /syntax error/.test(s.reason)),
      [],
    );
  });

  it('SARIF names the new rules with their help', () => {
    const run = runCli(['audit', '--format', 'sarif', '--fail-on', 'never', 'bicep', 'cdk'], ws);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string }> }>;
    };
    const ids = new Set(sarif.runs[0].results.map((r) => r.ruleId));
    assert.ok(ids.has('azure-key-vault-all-permissions') && ids.has('aws-cdk-grant-to-any-principal'), [...ids].join(', '));
  });
});
