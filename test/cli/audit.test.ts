import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { REPO, copyOfExampleWorkspace, plantedSecrets, runCli } from './cliHarness';

interface SarifRun {
  tool: { driver: { rules: { id: string; helpUri: string; properties: Record<string, string> }[] } };
  results: {
    ruleId: string;
    ruleIndex: number;
    locations: { physicalLocation: { region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } } }[];
  }[];
}

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

describe('nhi-lens audit (bundled CLI)', function () {
  this.timeout(120_000);
  let ws: string;
  beforeEach(() => {
    ws = copyOfExampleWorkspace();
  });

  it('prints findings as text and exits 1', () => {
    const run = runCli(['audit', '.', '--quiet'], ws);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /src\/billing\.ts\n\s+4:28\s+error\s+Stripe live secret key: sk_l…/);
    assert.match(run.stdout, /22 findings \(13 error, 9 warning, 0 info\) in 12 files; 1 skipped/);
  });

  it('json output lists findings and why files were skipped', () => {
    const run = runCli(['audit', '--format', 'json'], ws);
    const report = JSON.parse(run.stdout);
    const byCategory = (c: string) => report.findings.filter((f: { category: string }) => f.category === c).length;
    assert.deepEqual(
      [byCategory('secret'), byCategory('permission'), byCategory('ownership'), byCategory('credential-lifetime')],
      [13, 4, 3, 2],
    );
    assert.deepEqual(report.skipped, [{ path: 'tests/fixtures/sample-event.json', reason: 'nhi-lens:ignore-file' }]);
    for (const f of report.findings) assert.ok(f.ruleId && f.masked && /^[0-9a-f]{32}$/.test(f.fingerprint) && f.range.start.line >= 0);
  });

  it('sarif output is valid against the official SARIF 2.1.0 schema', () => {
    const run = runCli(['audit', '--format', 'sarif', '--output', 'out.sarif'], ws);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'out.sarif'), 'utf8')) as { runs: SarifRun[] };
    const schema = JSON.parse(
      fs.readFileSync(path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The schema's patterns are not valid with the `u` flag, so compile them as plain regexes.
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    const run0 = sarif.runs[0];
    assert.equal(run0.results.length, 22);
    const ruleIds = run0.tool.driver.rules.map((r) => r.id);
    // Regions are 1-based with an exclusive end column: they must cover exactly the flagged text.
    const json = JSON.parse(runCli(['audit', '--format', 'json'], ws).stdout) as {
      findings: Array<{ path: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
    };
    for (const [i, result] of run0.results.entries()) {
      assert.equal(ruleIds[result.ruleIndex], result.ruleId);
      const region = result.locations[0].physicalLocation.region;
      const { start, end } = json.findings[i].range;
      assert.deepEqual(
        [region.startLine, region.startColumn, region.endLine, region.endColumn],
        [start.line + 1, start.character + 1, end.line + 1, end.character + 1],
        `${result.ruleId} region`,
      );
      assert.ok(region.endLine! > region.startLine || region.endColumn! > region.startColumn!, 'a region is never empty');
    }
    assert.ok(run0.tool.driver.rules.every((r) => r.helpUri.includes('#') && r.properties['security-severity']));
  });

  it('never writes a planted secret in any output format or the baseline', () => {
    const secrets = plantedSecrets(ws);
    assert.ok(secrets.length >= 13);
    const outputs = ['text', 'json', 'sarif', 'markdown'].map((format) => runCli(['audit', '--format', format], ws).stdout);
    runCli(['audit', '--write-baseline', 'baseline.json'], ws);
    outputs.push(fs.readFileSync(path.join(ws, 'baseline.json'), 'utf8'));
    for (const output of outputs) {
      assert.ok(output.length > 0);
      for (const planted of secrets) {
        const secret = planted.replace(/-----[A-Z ]+-----/g, ''); // PEM armor lines are shown on purpose
        // Not the value, nor any 12-character piece of it.
        for (let i = 0; i + 12 <= secret.length; i += 6)
          assert.ok(!output.includes(secret.slice(i, i + 12)), `output leaks part of a secret: …${secret.slice(i, i + 4)}…`);
      }
    }
  });

  it('a baseline accepts existing findings and reports only new ones', () => {
    assert.equal(runCli(['audit', '--write-baseline', '.nhi-lens-baseline.json'], ws).code, 0);
    const accepted = runCli(['audit', '--baseline', '.nhi-lens-baseline.json', '--format', 'json'], ws);
    assert.equal(accepted.code, 0);
    assert.equal(JSON.parse(accepted.stdout).summary.baselined, 22);
    fs.writeFileSync(path.join(ws, 'src', 'new.js'), `const slack = "${SLACK}";\n`);
    const fresh = runCli(['audit', '--baseline', '.nhi-lens-baseline.json', '--format', 'json'], ws);
    assert.equal(fresh.code, 1);
    assert.deepEqual(
      JSON.parse(fresh.stdout).findings.map((f: { path: string }) => f.path),
      ['src/new.js'],
    );
  });

  it('the config can name the baseline', () => {
    runCli(['audit', '--write-baseline', 'accepted.json'], ws);
    fs.appendFileSync(path.join(ws, '.nhi-lens.yaml'), 'baseline: accepted.json\n');
    assert.equal(runCli(['audit', '--quiet'], ws).code, 0);
  });

  it('--fail-on sets the exit code threshold', () => {
    for (const d of ['src', 'infra', 'k8s', '.github']) fs.rmSync(path.join(ws, d), { recursive: true });
    for (const f of ['.env', 'mcp.json', 'config/deploy-key.pem', 'scripts/deploy.sh']) fs.rmSync(path.join(ws, f));
    // Only a generic password warning is left.
    fs.writeFileSync(path.join(ws, 'settings.py'), 'db_password = "dKUkz75663pI!"\n');
    assert.equal(runCli(['audit', '--fail-on', 'error'], ws).code, 0);
    assert.equal(runCli(['audit', '--fail-on', 'warning'], ws).code, 1);
    assert.equal(runCli(['audit'], ws).code, 1);
    fs.writeFileSync(path.join(ws, 'x.env'), `SLACK=${SLACK}\n`);
    assert.equal(runCli(['audit', '--fail-on', 'never'], ws).code, 0);
  });

  it('respects .gitignore unless told not to', () => {
    fs.writeFileSync(path.join(ws, 'debug.log'), `token=${SLACK}\n`);
    const ignored = JSON.parse(runCli(['audit', '--format', 'json'], ws).stdout);
    assert.ok(!ignored.findings.some((f: { path: string }) => f.path === 'debug.log'));
    const all = JSON.parse(runCli(['audit', '--format', 'json', '--no-gitignore'], ws).stdout);
    assert.ok(all.findings.some((f: { path: string }) => f.path === 'debug.log'));
  });

  it('worker threads find exactly what the single-threaded scan finds', () => {
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(ws, 'src', `gen${i}.py`), `KEY_${i} = "${SLACK}"\n# filler\n`.repeat(3));
    const single = JSON.parse(runCli(['audit', '--format', 'json', '--jobs', '0'], ws).stdout).findings;
    const parallel = JSON.parse(runCli(['audit', '--format', 'json', '--jobs', '2'], ws).stdout).findings;
    assert.equal(single.length, 22 + 90);
    assert.deepEqual(parallel, single);
  });

  it('skips binary files with a reason', () => {
    fs.writeFileSync(
      path.join(ws, 'logo.png'),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(`token=${SLACK}`)]),
    );
    const report = JSON.parse(runCli(['audit', '--format', 'json'], ws).stdout);
    assert.deepEqual(
      report.skipped.find((s: { path: string }) => s.path === 'logo.png'),
      { path: 'logo.png', reason: 'binary file not scanned' },
    );
  });

  it('scans files named on the command line, with paths relative to the workspace', () => {
    const run = runCli(['audit', 'src/notify.py', '--format', 'json'], ws);
    assert.deepEqual(
      JSON.parse(run.stdout).findings.map((f: { path: string; ruleId: string }) => `${f.path}:${f.ruleId}`),
      ['src/notify.py:slack-bot-token'],
    );
  });
});

describe('nhi-lens usage and configuration errors (exit 2)', function () {
  this.timeout(60_000);
  const ws = copyOfExampleWorkspace();
  const cases: [string, string[], RegExp][] = [
    ['unknown option', ['audit', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['bad format', ['audit', '--format', 'pdf'], /--format must be one of text, json, sarif, markdown, html \(got "pdf"\)/],
    ['bad fail level', ['audit', '--fail-on', 'sometimes'], /--fail-on must be one of error, warning, never/],
    ['unknown command', ['scan'], /unknown command "scan"/],
    ['missing path', ['audit', 'no/such/dir'], /no\/such\/dir: no such file or directory/],
    ['missing config', ['audit', '--config', 'nope.yaml'], /nope\.yaml: config file not found/],
    ['missing baseline', ['audit', '--baseline', 'nope.json'], /nope\.json: baseline file not found/],
  ];
  for (const [label, args, message] of cases) {
    it(label, () => {
      const run = runCli(args, ws);
      assert.equal(run.code, 2);
      assert.match(run.stderr.split('\n')[0], message);
    });
  }

  it('invalid config: names the file, the rule and the field', () => {
    fs.writeFileSync(path.join(ws, 'bad.yaml'), 'overrides:\n  slack-bot-token: { severity: loud }\n');
    const run = runCli(['audit', '--config', 'bad.yaml'], ws);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.yaml: overrides\.slack-bot-token\.severity must be equal to one of the allowed values/);
  });

  it('--help and --version exit 0', () => {
    assert.match(runCli(['--help'], ws).stdout, /Usage: nhi-lens/);
    assert.match(runCli(['--version'], ws).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
