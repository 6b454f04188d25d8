import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyOfExampleWorkspace, runCli } from './cliHarness';

describe('nhi-lens inventory', function () {
  this.timeout(60_000);
  let ws: string;
  before(() => {
    ws = copyOfExampleWorkspace();
  });

  it('json: every identity of the example workspace with kind, location, owner, breadth, credential and findings', () => {
    const run = runCli(['inventory', '--format', 'json'], ws);
    assert.equal(run.code, 0, run.stderr);
    const { identities } = JSON.parse(run.stdout) as {
      identities: Array<{
        kind: string;
        name: string;
        path: string;
        owner: string | null;
        ownerSource: string;
        breadth: string;
        credential: string;
        findings: string[];
      }>;
    };
    const kinds = new Set(identities.map((i) => i.kind));
    for (const k of [
      'iam-role',
      'iam-user',
      'access-key',
      'service-account',
      'workflow-token',
      'cloud-login',
      'secret',
      'secret-reference',
      'agent-server',
    ])
      assert.ok(kinds.has(k), `no ${k}`);
    const user = identities.find((i) => i.name === 'aws_iam_user.ci')!;
    assert.deepEqual([user.breadth, user.credential, user.owner, user.ownerSource], ['admin', 'static', '@acme/platform', 'codeowners']);
    const audit = JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never', '--no-git'], ws).stdout) as {
      findings: Array<{ fingerprint: string }>;
    };
    const known = new Set(audit.findings.map((f) => f.fingerprint));
    assert.ok(
      identities.every((i) => i.findings.every((fp) => known.has(fp))),
      'linked findings are findings of the audit',
    );
    assert.ok(!/sk_live_\w{8}|xoxb-\d{6}|ghp_\w{12}/.test(run.stdout), 'names of secrets are masked');
  });

  it('csv: a header and one row per identity; cells a spreadsheet would evaluate are neutralised', () => {
    fs.mkdirSync(path.join(ws, 'tf'), { recursive: true });
    fs.writeFileSync(
      path.join(ws, 'tf', 'x.tf'),
      'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n  tags = { owner = "=HYPERLINK(\\"http://evil\\")" }\n}\n',
    );
    const run = runCli(['inventory', '--format', 'csv', '--output', 'inv.csv'], ws);
    assert.equal(run.code, 0, run.stderr);
    const lines = fs.readFileSync(path.join(ws, 'inv.csv'), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'kind,name,provider,path,line,owner,owner_source,breadth,credential,findings,git');
    const json = JSON.parse(runCli(['inventory', '--format', 'json'], ws).stdout) as { identities: unknown[] };
    assert.equal(lines.length - 1, json.identities.length);
    const row = lines.find((l) => l.includes('aws_iam_role.r'))!;
    assert.match(row, /,"'=HYPERLINK\(""http:\/\/evil""\)",tag,/);
  });

  it('markdown: a summary line and a table', () => {
    const run = runCli(['inventory'], ws);
    assert.match(
      run.stdout,
      /^# NHI inventory\n\n\d+ identities, \d+ without an owner, \d+ with admin rights, \d+ with static credentials\./,
    );
    assert.match(
      run.stdout,
      /\| IAM user \| aws_iam_user\.ci \| `infra\/main\.tf:5` \| @acme\/platform \(codeowners\) \| admin \| static \| 2 \|/,
    );
  });

  it('rejects audit-only formats', () => {
    const run = runCli(['inventory', '--format', 'sarif'], ws);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format must be one of markdown, json, csv/);
  });
});

describe('nhi-lens audit --history', function () {
  this.timeout(60_000);
  const REMOVED = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
  const DELETED_FILE = 'sk_live_Q8vNc2LmT7xWp4RzK9bYh3JdF6sA';
  const STILL = 'xoxb-9182736450-1928374650192-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7';
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-05-06T07:08:09Z', GIT_COMMITTER_DATE: '2026-05-06T07:08:09Z' },
    });

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-history-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    fs.writeFileSync(path.join(repo, 'notify.py'), `SLACK_TOKEN = "${REMOVED}"\nSLACK_OTHER = "${STILL}"\n`);
    fs.writeFileSync(path.join(repo, 'billing.ts'), `const stripe = "${DELETED_FILE}";\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'notify.py'), `SLACK_TOKEN = os.environ["SLACK_TOKEN"]\nSLACK_OTHER = "${STILL}"\n`);
    fs.rmSync(path.join(repo, 'billing.ts'));
    git('commit', '-q', '-am', 'remove secrets');
    // A branch that is not checked out is reachable history too; the same blob twice counts once.
    git('checkout', '-q', '-b', 'old-copy', 'HEAD~1');
    fs.writeFileSync(path.join(repo, 'copy.py'), `SLACK_TOKEN = "${REMOVED}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'copy');
    git('checkout', '-q', 'main');
  });

  it('reports secrets removed from the files but still in history, once each, with the first commit', () => {
    const run = runCli(['audit', '--history', '--format', 'json', '--fail-on', 'never'], repo);
    assert.equal(run.code, 0, run.stderr);
    const { findings } = JSON.parse(run.stdout) as {
      findings: Array<{ path: string; ruleId: string; severity: string; message: string; git?: { state: string; commit: string } }>;
    };
    const first = git('rev-list', '--max-parents=0', 'HEAD').trim();
    const removed = findings.filter((f) => f.git?.state === 'removed');
    assert.deepEqual(removed.map((f) => f.path).sort(), ['billing.ts', 'notify.py'], 'copy.py holds the same secret: one finding');
    assert.ok(
      removed.every(
        (f) =>
          f.git!.commit === first &&
          f.severity === 'error' &&
          /still in git history \(commit [0-9a-f]{12}, 2026-05-06: \d+ days ago by Dev, not pushed\): rotate it/.test(f.message),
      ),
    );
    const current = findings.filter((f) => f.git?.state === 'committed');
    assert.deepEqual(
      current.map((f) => f.path),
      ['notify.py'],
      'the secret still in the file is reported as committed, not twice',
    );
    assert.ok(!run.stdout.includes(REMOVED) && !run.stdout.includes(DELETED_FILE), 'values stay masked');
  });

  it('honours the baseline: a removed secret accepted there is not reported again', () => {
    const baseline = path.join(repo, '..', `${path.basename(repo)}-baseline.json`);
    const all = runCli(['audit', '--history', '--format', 'json', '--fail-on', 'never'], repo);
    const removed = (
      JSON.parse(all.stdout) as { findings: Array<{ fingerprint: string; ruleId: string; path: string; git?: { state: string } }> }
    ).findings.filter((f) => f.git?.state === 'removed' && f.path === 'billing.ts');
    assert.equal(removed.length, 1);
    fs.writeFileSync(
      baseline,
      JSON.stringify({
        version: 1,
        tool: 'nhi-lens',
        findings: removed.map(({ fingerprint, ruleId, path: p }) => ({ fingerprint, ruleId, path: p })),
      }),
    );
    const run = runCli(['audit', '--history', '--baseline', baseline, '--format', 'json', '--fail-on', 'never'], repo);
    const report = JSON.parse(run.stdout) as { findings: Array<{ path: string; git?: { state: string } }>; summary: { baselined: number } };
    assert.deepEqual(
      report.findings.filter((f) => f.git?.state === 'removed').map((f) => f.path),
      ['notify.py'],
      'the baselined history finding is gone, the other stays',
    );
  });

  it('audits a subfolder: history paths are relative to it, and other folders stay out', () => {
    const sub = path.join(repo, 'services', 'api');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'client.py'), `API_TOKEN = "${DELETED_FILE}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'api client');
    fs.writeFileSync(path.join(sub, 'client.py'), 'API_TOKEN = os.environ["API_TOKEN"]\n');
    git('commit', '-q', '-am', 'api client from env');
    const run = runCli(['audit', sub, '--history', '--format', 'json', '--fail-on', 'never'], repo);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ path: string; git?: { state: string } }> };
    assert.deepEqual(
      findings.map((f) => `${f.path}:${f.git?.state}`),
      ['client.py:removed'],
      "paths relative to the audited folder; secrets of the rest of the repository are not this folder's",
    );
  });

  it('without --history, removed secrets are not reported', () => {
    const { findings } = JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never'], repo).stdout) as {
      findings: Array<{ git?: { state: string } }>;
    };
    assert.ok(findings.every((f) => f.git?.state !== 'removed'));
  });

  it('outside a repository: a note, and the audit of the files', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-nohistory-'));
    fs.writeFileSync(path.join(plain, 'a.py'), `T = "${STILL}"\n`);
    const run = runCli(['audit', '--history', '--format', 'json', '--fail-on', 'never'], plain);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /not a git repository/);
    assert.equal((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length, 1);
  });
});
