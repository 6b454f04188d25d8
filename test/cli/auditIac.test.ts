import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, runCli } from './cliHarness';

describe('nhi-lens audit on infrastructure as code (bundled CLI)', function () {
  this.timeout(120_000);
  let ws: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-iac-'));
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'iac'), ws, { recursive: true });
  });

  const audit = (...args: string[]) =>
    JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never', ...args], ws).stdout) as {
      findings: Array<{ ruleId: string; path: string; category: string; fix: { iac?: { resource: string } } }>;
      skipped: unknown[];
    };

  it('reads default_tags from the module folder even when one file is audited alone', () => {
    const owners = audit('terraform-module/iam.tf')
      .findings.filter((f) => f.ruleId === 'missing-owner-tag')
      .map((f) => f.fix.iac?.resource);
    assert.deepEqual(owners, ['aws_iam_role.auditor']);
  });

  it('worker threads and the main thread agree on IaC findings', () => {
    for (let i = 0; i < 12; i++) fs.cpSync(path.join(ws, 'terraform-module'), path.join(ws, `module-${i}`), { recursive: true });
    const single = audit('--jobs', '0').findings;
    const parallel = audit('--jobs', '2').findings;
    assert.deepEqual(parallel, single);
    assert.equal(single.filter((f) => f.ruleId === 'missing-owner-tag' && f.path.endsWith('iam.tf')).length, 13);
  });

  it('SARIF gives the other offending elements of an RBAC rule as related locations of its one result', () => {
    const sarif = JSON.parse(runCli(['audit', '--format', 'sarif', '--fail-on', 'never', 'k8s/operator.yaml'], ws).stdout);
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      relatedLocations?: Array<{ message: { text: string }; physicalLocation: { region: { startLine: number } } }>;
    }>;
    const wildcard = results.filter((r) => r.ruleId === 'k8s-rbac-wildcard');
    assert.equal(wildcard.length, 1);
    assert.equal(wildcard[0].locations[0].physicalLocation.region.startLine, 21);
    assert.deepEqual(
      wildcard[0].relatedLocations?.map((r) => r.physicalLocation.region.startLine),
      [22],
    );
    assert.match(wildcard[0].relatedLocations![0].message.text, /pods\/exec/);
  });

  it('SARIF carries IaC rules with their category, and config overrides apply', () => {
    fs.writeFileSync(
      path.join(ws, '.nhi-lens.yaml'),
      'overrides:\n  k8s-rbac-wildcard: { severity: error }\ndisable: [missing-owner-tag]\n',
    );
    const sarif = JSON.parse(runCli(['audit', '--format', 'sarif', '--fail-on', 'never'], ws).stdout);
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; properties: { tags: string[] } }>;
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string }>;
    assert.ok(rules.find((r) => r.id === 'k8s-rbac-wildcard'));
    assert.ok(results.filter((r) => r.ruleId === 'k8s-rbac-wildcard').every((r) => r.level === 'error'));
    assert.ok(!results.some((r) => r.ruleId === 'missing-owner-tag'));
  });

  it('a bad iac setting is a usage error with a clear message', () => {
    fs.writeFileSync(path.join(ws, '.nhi-lens.yaml'), 'iac:\n  ownerTags: []\n');
    const run = runCli(['audit'], ws);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.nhi-lens\.yaml.*iac\.ownerTags/);
  });
});
