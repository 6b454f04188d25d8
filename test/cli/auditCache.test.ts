import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCli, UsageError } from '../../cli/cliOptions';
import { CLI, copyOfExampleWorkspace, runCli } from './cliHarness';

/**
 * Waits past the cache's allowance for a clock tick (2 s): a tree's stamps, ctimes included, are
 * then older than the audits that follow, as a real tree's are. (A file whose results depend on
 * files beside it, the example's workload, is scanned again while those are as recent as the audit
 * that recorded it.)
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));

describe('nhi-lens audit --cache (bundled CLI)', function () {
  this.timeout(120_000);

  it('a second run reuses every file, says so on stderr and prints the same report', async () => {
    const ws = copyOfExampleWorkspace();
    await settle();
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-clicache-')), 'cache.json');
    const args = ['audit', '--format', 'json', '--no-git', '--fail-on', 'never', '--cache-location', cache];
    const first = runCli(args, ws);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /cache: 0 files unchanged, \d+ scanned/);
    const second = runCli(args, ws);
    assert.match(second.stderr, /cache: \d+ files unchanged, 0 scanned/);
    const report = (stdout: string) => {
      const r = JSON.parse(stdout);
      delete r.summary.durationMs;
      return r;
    };
    assert.deepEqual(report(second.stdout), report(first.stdout));
  });

  it('a change to the compiled built-in rules next to the bundle starts afresh', async () => {
    // A copy of the bundle, so its compiled rules file can be changed (the cache is keyed by that file's text).
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-dist-'));
    fs.cpSync(path.dirname(CLI), dist, { recursive: true, filter: (source) => !source.endsWith('.map') });
    const ws = copyOfExampleWorkspace();
    await settle();
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-clicache-')), 'cache.json');
    const run = () =>
      spawnSync(
        process.execPath,
        [path.join(dist, 'cli.js'), 'audit', '--format', 'json', '--no-git', '--fail-on', 'never', '--cache-location', cache],
        { cwd: ws, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(run().stderr, /cache: \d+ files unchanged, 0 scanned/);
    const rulesFile = path.join(dist, 'builtin-rules.json');
    const compiled = JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as { rules: Array<{ definition: { id: string; severity: string } }> };
    const found = (JSON.parse(first.stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings[0];
    const rule = compiled.rules.find((r) => r.definition.id === found.ruleId)!;
    rule.definition.severity = found.severity === 'info' ? 'warning' : 'info';
    fs.writeFileSync(rulesFile, JSON.stringify(compiled));
    const third = run();
    assert.match(third.stderr, /previous audit cache not used \(made with other rules/);
    assert.match(third.stderr, /cache: 0 files unchanged, \d+ scanned/);
    const again = (JSON.parse(third.stdout) as { findings: Array<{ ruleId: string; severity: string; fingerprint: string }> }).findings;
    assert.ok(again.some((f) => f.ruleId === found.ruleId && f.severity === rule.definition.severity));
  });

  it('a binding added beside a workload: the workload is scanned again and reported as without the cache', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-clideps-'));
    fs.mkdirSync(path.join(ws, 'k8s'));
    const workload = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  labels:', '    owner: platform'];
    const pod = ['spec:', '  template:', '    spec:', '      serviceAccountName: api', '      containers:', '        - name: api'];
    fs.writeFileSync(path.join(ws, 'k8s', 'deployment.yaml'), [...workload, ...pod, '          image: example/api:1.0', ''].join('\n'));
    const binding = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      '  name: secret-reader',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: ["secrets"]',
      '    verbs: ["get"]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata:',
      '  name: api-reads-secrets',
      'subjects:',
      '  - kind: ServiceAccount',
      '    name: api',
      '    namespace: default',
      'roleRef:',
      '  kind: ClusterRole',
      '  name: secret-reader',
      '',
    ].join('\n');
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-clicache-')), 'cache.json');
    const args = ['audit', '--format', 'json', '--no-git', '--fail-on', 'never', '--quiet'];
    const findings = (run: { code: number; stdout: string; stderr: string }) => {
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as { findings: Array<{ path: string; ruleId: string; fingerprint: string }> }).findings;
    };
    await settle();
    assert.deepEqual(findings(runCli([...args, '--cache-location', cache], ws)), []);
    fs.writeFileSync(path.join(ws, 'k8s', 'rbac.yaml'), binding);
    await settle();
    const uncached = findings(runCli(args, ws));
    assert.ok(
      uncached.some((f) => f.path === 'k8s/deployment.yaml'),
      'the binding gives the workload a finding',
    );
    assert.deepEqual(findings(runCli([...args, '--cache-location', cache], ws)), uncached);
    assert.deepEqual(findings(runCli([...args, '--cache-location', cache], ws)), uncached);
  });

  it('--cache uses the user cache folder; --cache-location names a file; only audit and inventory take them', () => {
    assert.equal(parseCli(['audit', '--cache']).cache, true);
    assert.equal(parseCli(['inventory', '--cache-location', 'c.json']).cache, 'c.json');
    assert.equal(parseCli(['audit']).cache, undefined);
    assert.throws(() => parseCli(['rules', '--cache']), UsageError);
    assert.throws(() => parseCli(['fix', '--cache']), UsageError);
    assert.throws(() => parseCli(['audit', '--cache-location', ' ']), UsageError);
    const ws = copyOfExampleWorkspace();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-xdg-'));
    const run = (extra: string[] = []) =>
      runCliWithEnv(['audit', '--cache', '--no-git', '--quiet', '--fail-on', 'never', ...extra], ws, { XDG_CACHE_HOME: home });
    run();
    const files = fs.readdirSync(path.join(home, 'nhi-lens', 'audit'));
    assert.equal(files.length, 1);
    assert.ok(!fs.readdirSync(ws).some((name) => /cache/i.test(name)), 'nothing is written into the workspace');
  });

  it('the code cache of the bundle: made in the user cache folder, used, and a damaged one ignored with the same report', () => {
    const ws = copyOfExampleWorkspace();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-xdg-'));
    const codeFolder = path.join(home, 'nhi-lens', 'code');
    const args = ['audit', '--format', 'json', '--no-git', '--fail-on', 'never'];
    const report = (run: { code: number; stdout: string; stderr: string }) => {
      assert.equal(run.code, 0, run.stderr);
      const r = JSON.parse(run.stdout);
      delete r.summary.durationMs;
      return r;
    };
    const off = runCliWithEnv(args, ws, { XDG_CACHE_HOME: home, NHI_LENS_NO_CODE_CACHE: '1' });
    assert.ok(!fs.existsSync(codeFolder), 'NHI_LENS_NO_CODE_CACHE: none made');
    const expected = report(off);
    assert.deepEqual(report(runCliWithEnv(args, ws, { XDG_CACHE_HOME: home })), expected);
    const [file, ...others] = fs.readdirSync(codeFolder);
    assert.deepEqual(others, []);
    assert.match(file, /^[0-9a-f]{32}-audit\.bin$/);
    const made = fs.statSync(path.join(codeFolder, file));
    const madeBytes = fs.readFileSync(path.join(codeFolder, file));
    assert.deepEqual(report(runCliWithEnv(args, ws, { XDG_CACHE_HOME: home })), expected);
    assert.equal(fs.statSync(path.join(codeFolder, file)).ino, made.ino, 'used, not written again');
    assert.deepEqual(fs.readFileSync(path.join(codeFolder, file)), madeBytes);
    // Damaged in the middle of V8's data: the run compiles as usual, reports the same and writes a good one.
    const damaged = fs.readFileSync(path.join(codeFolder, file));
    damaged.fill(0x41, damaged.length >> 1, (damaged.length >> 1) + 4096);
    fs.writeFileSync(path.join(codeFolder, file), damaged);
    const run = runCliWithEnv(args, ws, { XDG_CACHE_HOME: home });
    assert.deepEqual(report(run), expected);
    assert.equal(run.stderr.includes('code cache'), false, 'nothing said about it');
    assert.notDeepEqual(fs.readFileSync(path.join(codeFolder, file)), damaged, 'made again');
  });
});

function runCliWithEnv(args: string[], cwd: string, env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return runCli(args, cwd);
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
