import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinRules, testEngine } from '../support/engineFixture';
import { copyOfExampleWorkspace, plantedSecrets, runCli } from './cliHarness';

const SLACK = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';

function git(cwd: string, args: string[], input?: string): { code: number; out: string } {
  const r = spawnSync('git', args, { cwd, input, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** A git repository holding a copy of `dir` (nothing committed: `git apply` needs no history). */
function repoCopyOf(dir: string): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-apply-'));
  fs.cpSync(dir, repo, { recursive: true });
  assert.equal(git(repo, ['init', '-q']).code, 0);
  return repo;
}

/** Replaces each secret value in the tree by its masked form, as the preview shows it. */
function maskSecretsIn(dir: string): void {
  const engine = testEngine({ rules: builtinRules() });
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(p);
        continue;
      }
      const text = fs.readFileSync(p, 'utf8');
      const secrets = engine.scan({ path: p, text }).findings.filter((f) => f.category === 'secret' && !f.masked.includes('\n'));
      let out = text;
      for (const f of [...secrets].sort((a, b) => b.offsets.start - a.offsets.start))
        if (!text.slice(f.offsets.start, f.offsets.end).includes('\n'))
          out = out.slice(0, f.offsets.start) + f.masked + out.slice(f.offsets.end);
      if (out !== text) fs.writeFileSync(p, out);
    }
  };
  walk(dir);
}

/** `path rule fingerprint` of every finding an audit reports. */
function auditKeys(dir: string): string[] {
  const run = runCli(['audit', '--format', 'json', '--no-git', '--quiet'], dir);
  const report = JSON.parse(run.stdout) as { findings: Array<{ path: string; ruleId: string; fingerprint: string }> };
  return report.findings.map((f) => `${f.path} ${f.ruleId} ${f.fingerprint}`).sort();
}

describe('nhi-lens fix (bundled CLI)', function () {
  this.timeout(120_000);
  let ws: string;
  const cleanup: string[] = [];
  beforeEach(() => {
    ws = copyOfExampleWorkspace();
    cleanup.push(ws);
  });
  after(() => {
    for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('previews a git-style diff, writes nothing, exits 1, and never prints a secret value', () => {
    const secrets = plantedSecrets(ws);
    assert.ok(secrets.length >= 10);
    const before = auditKeys(ws);
    const run = runCli(['fix'], ws);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^diff --git a\/\.github\/workflows\/deploy\.yml b\/\.github\/workflows\/deploy\.yml\n--- a\/\.github/);
    assert.match(run.stdout, /\n-SLACK_BOT_TOKEN = "xoxb…KqwZ"\n\+SLACK_BOT_TOKEN = os\.environ\["SLACK_BOT_TOKEN"\]\n/);
    assert.match(run.stderr, /12 fixes in 9 files/);
    assert.match(run.stderr, /held: \.github\/workflows\/deploy\.yml:12:11 gha-static-cloud-credentials/);
    for (const value of secrets) {
      assert.ok(!run.stdout.includes(value), `a planted secret is in the preview (${value.length} chars)`);
      assert.ok(!run.stderr.includes(value), 'a planted secret is on stderr');
    }
    assert.deepEqual(auditKeys(ws), before, 'the preview changed nothing');
  });

  it('the preview is a valid patch: git apply --check accepts it once the secrets read as masked', () => {
    const run = runCli(['fix', '--quiet'], ws);
    const patch = path.join(os.tmpdir(), `nhi-lens-fix-${process.pid}.patch`);
    cleanup.push(patch);
    fs.writeFileSync(patch, run.stdout);
    const masked = repoCopyOf(ws);
    cleanup.push(masked);
    maskSecretsIn(masked);
    const check = git(masked, ['apply', '--check', patch]);
    assert.equal(check.code, 0, check.out);
    // Against the real files the hunks that remove a secret cannot match: the values are masked.
    const real = repoCopyOf(ws);
    cleanup.push(real);
    assert.notEqual(git(real, ['apply', '--check', patch]).code, 0);
  });

  it('a preview without secrets applies as is and gives what --write writes', () => {
    fs.writeFileSync(path.join(ws, 'k8s/worker.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: worker\n');
    const args = ['fix', 'infra/cloudformation', 'k8s/worker.yaml', '--config', '.nhi-lens.yaml', '--owner', 'platform-team'];
    const preview = runCli([...args, '--quiet'], ws);
    assert.equal(preview.code, 1, preview.stderr);
    assert.match(preview.stdout, /^diff --git a\/infra\/cloudformation\/app-role\.yaml b\/infra\/cloudformation\/app-role\.yaml\n/);
    const repo = repoCopyOf(ws);
    cleanup.push(repo);
    const applied = git(repo, ['apply', '-'], preview.stdout);
    assert.equal(applied.code, 0, applied.out);
    const written = runCli([...args, '--write', '--quiet'], ws);
    assert.equal(written.code, 0, written.stdout + written.stderr);
    assert.match(fs.readFileSync(path.join(ws, 'k8s/worker.yaml'), 'utf8'), /labels:\n {4}owner: platform-team\n/);
    for (const file of ['infra/cloudformation/app-role.yaml', 'k8s/worker.yaml'])
      assert.equal(fs.readFileSync(path.join(repo, file), 'utf8'), fs.readFileSync(path.join(ws, file), 'utf8'), file);
  });

  it('--write fixes exactly the safe findings, leaves the others, and reports per file', () => {
    const secrets = plantedSecrets(ws);
    const before = auditKeys(ws);
    const run = runCli(['fix', '--write'], ws);
    assert.equal(run.code, 1, 'the OIDC switch and the Kubernetes owner label still need input');
    const after = auditKeys(ws);
    assert.deepEqual(
      after.filter((k) => !before.includes(k)),
      [],
      'no new findings',
    );
    const gone = before.filter((k) => !after.includes(k)).map((k) => k.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(gone, [
      '.github/workflows/deploy.yml aws-access-key-id',
      'infra/cloudformation/app-role.yaml missing-owner-tag',
      'infra/main.tf generic-password-assignment',
      'infra/main.tf missing-owner-tag',
      'k8s/deployment.yaml kubernetes-env-plain-secret',
      'mcp.json github-pat-classic',
      'scripts/deploy.sh aws-access-key-id',
      'scripts/deploy.sh aws-secret-access-key',
      'src/assistant.go anthropic-api-key',
      'src/assistant.go openai-api-key',
      'src/billing.ts stripe-secret-key',
      'src/notify.py slack-bot-token',
    ]);
    assert.equal((run.stdout.match(/^ {2}fixed /gm) ?? []).length, gone.length);
    assert.match(run.stdout, /^src\/notify\.py\n {2}fixed +4:20 +slack-bot-token: Read from an environment variable/m);
    assert.match(run.stdout, /^infra\/main\.tf\n(?: {2}.*\n)* {2}remaining +\d+:\d+ +aws-iam-admin-wildcard \(no safe fix\)/m);
    assert.match(run.stdout, /remaining +4:9 +missing-owner-tag: needs an owner that is a Kubernetes label value/);
    assert.match(run.stderr, /fixed 12 of 12 findings in 9 files/);
    assert.match(run.stderr, /store them there, and rotate them/);
    for (const value of secrets) assert.ok(!(run.stdout + run.stderr).includes(value), 'a planted secret was printed');
    assert.match(fs.readFileSync(path.join(ws, 'infra/main.tf'), 'utf8'), /owner = "@acme\/platform"/);
  });

  it('a CRLF file keeps CRLF, inserted lines included; a second run has nothing to fix and exits 0', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-crlf-'));
    cleanup.push(dir);
    const file = path.join(dir, 'main.tf');
    const tf = [
      'resource "aws_iam_role" "app" {',
      '  name = "app"',
      '  assume_role_policy = "{}"',
      '}',
      '',
      'resource "slack_app" "bot" {',
      `  token = "${SLACK}"`,
      '}',
      '',
    ];
    fs.writeFileSync(file, tf.join('\r\n'));
    const run = runCli(['fix', '--write', '--owner', 'platform-team'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /tags = \{\r\n {4}owner = "platform-team"\r\n {2}\}\r\n/);
    assert.match(text, /token = var\.token\r\n\}\r\n\r\nvariable "token" \{\r\n/);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    const again = runCli(['fix'], dir);
    assert.deepEqual({ code: again.code, stdout: again.stdout }, { code: 0, stdout: '' });
    assert.match(again.stderr, /0 fixes in 0 files/);
  });

  it('refuses report options, fix options elsewhere, an unknown manager and an owner with quotes (exit 2)', () => {
    for (const args of [
      ['fix', '--format', 'json'],
      ['audit', '--write'],
      ['fix', '--manager', 'keychain'],
      ['fix', '--owner', 'a"b'],
    ]) {
      const run = runCli(args, ws);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    }
    assert.match(runCli(['fix', '--format', 'json'], ws).stderr, /--format: not an option of fix/);
  });
});
