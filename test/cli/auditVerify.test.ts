import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ProviderId } from '../../integrations/verify/providers';
import { fake } from '../integrations/verify/fakeCredentials';
import { startFakeProviders, type FakeProvider } from '../integrations/verify/fakeProviders';
import { REPO, copyOfExampleWorkspace, runCliAsync } from './cliHarness';

interface JsonFinding {
  ruleId: string;
  path: string;
  severity: string;
  message: string;
  verification?: { state: string; identity?: string; provider: string; detail?: string; checkedAt: string };
}
interface JsonReport {
  summary: {
    live: number;
    bySeverity: { error: number };
    verification?: { credentials: number; live: number; invalid: number; unknown: number };
  };
  findings: JsonFinding[];
}

const grab = (file: string, pattern: RegExp) => {
  const m = pattern.exec(fs.readFileSync(file, 'utf8'));
  assert.ok(m, `${path.basename(file)} holds ${pattern}`);
  return m[1] ?? m[0];
};

describe('nhi-lens audit --verify (against loopback providers)', function () {
  this.timeout(60_000);
  let fakes: Map<ProviderId, FakeProvider>;
  let ws: string;
  let cacheHome: string;
  /** Every credential value in the workspace that verification reads: none may appear in any output. */
  const values: string[] = [];
  const env = () => ({
    NHI_LENS_VERIFY_ENDPOINTS: [...fakes].map(([id, f]) => `${id}=${f.url}`).join(','),
    XDG_CACHE_HOME: cacheHome,
  });
  const audit = (args: string[], extraEnv: Record<string, string> = {}) =>
    runCliAsync(['audit', '.', '--no-git', '--fail-on', 'never', ...args], ws, { ...env(), ...extraEnv });
  const sentAnything = () => [...fakes.values()].reduce((n, f) => n + f.seen.length, 0);
  const assertNoValue = (text: string, where: string) => {
    for (const v of values) assert.ok(!text.includes(v), `${where} holds the value ${v.slice(0, 4)}…`);
  };

  before(async () => {
    fakes = await startFakeProviders();
    ws = copyOfExampleWorkspace();
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cache-'));
    // The example workspace's own credentials: its GitHub token in .env and its AWS key pair work, the rest do not.
    const githubLive = grab(path.join(ws, '.env'), /ghp_[A-Za-z0-9]{36}/);
    const githubDead = grab(path.join(ws, 'mcp.json'), /ghp_[A-Za-z0-9]{36}/);
    const awsKeyId = grab(path.join(ws, 'scripts', 'deploy.sh'), /AKIA[A-Z2-7]{16}/);
    const awsSecret = grab(path.join(ws, 'scripts', 'deploy.sh'), /AWS_SECRET_ACCESS_KEY=(\S+)/);
    const slack = grab(path.join(ws, 'src', 'notify.py'), /xoxb-[\w-]+/);
    const stripe = grab(path.join(ws, 'src', 'billing.ts'), /sk_live_\w+/);
    const anthropic = grab(path.join(ws, 'src', 'assistant.go'), /sk-ant-[\w-]+/);
    const openai = grab(path.join(ws, 'src', 'assistant.go'), /sk-proj-[\w-]+/);
    fakes.get('github')!.valid.set(githubLive, 'octocat');
    fakes.get('aws')!.awsKeys.set(awsKeyId, { secret: awsSecret, arn: 'arn:aws:iam::123456789012:user/ci' });
    fakes.get('slack')!.valid.set(slack, 'payments-bot');
    // More providers, with credentials made for this run.
    const gitlab = fake.gitlab();
    const sendgrid = fake.sendgrid();
    const sid = fake.twilioAccountSid();
    const twilio = fake.twilioToken();
    const hf = fake.huggingface();
    const datadog = fake.datadog();
    fakes.get('gitlab')!.valid.set(gitlab, 'release-bot');
    fakes.get('twilio')!.valid.set(`${sid}:${twilio}`, 'Acme SMS');
    fs.writeFileSync(
      path.join(ws, 'config', 'services.env'),
      [
        `GITLAB_TOKEN=${gitlab}`,
        `SENDGRID_API_KEY=${sendgrid}`,
        `TWILIO_ACCOUNT_SID=${sid}`,
        `TWILIO_AUTH_TOKEN=${twilio}`,
        `HF_TOKEN=${hf}`,
        `DD_API_KEY=${datadog}`,
        '',
      ].join('\n'),
    );
    values.push(githubLive, githubDead, awsSecret, slack, stripe, anthropic, openai, gitlab, sendgrid, twilio, hf, datadog);
  });
  after(async () => {
    await Promise.all([...fakes.values()].map((f) => f.stop()));
    fs.rmSync(cacheHome, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const f of fakes.values()) f.reset();
  });

  it('without --verify nothing is sent anywhere, even with endpoints in the environment', async () => {
    const run = await audit(['--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sentAnything(), 0);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.ok(report.findings.every((f) => !f.verification));
    assert.equal(report.summary.verification, undefined);
    assert.equal(report.summary.live, 0);
  });

  it('--verify: live secrets become errors and come first, with whose they are; the summary counts them', async () => {
    const run = await audit(['--verify', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const live = report.findings.filter((f) => f.verification?.state === 'live');
    const verdict = (file: string, rule: string) => report.findings.find((f) => f.path === file && f.ruleId === rule)?.verification;
    assert.deepEqual(
      live.map((f) => [f.path, f.ruleId, f.verification!.identity, f.severity]).sort(),
      [
        ['.env', 'github-pat-classic', '@octocat', 'error'],
        // The workflow holds the same key ID: the key is live wherever it appears.
        ['.github/workflows/deploy.yml', 'aws-access-key-id', 'arn:aws:iam::123456789012:user/ci', 'error'],
        ['config/services.env', 'gitlab-pat', '@release-bot', 'error'],
        [
          'config/services.env',
          'twilio-auth-token',
          `Acme SMS (${grab(path.join(ws, 'config', 'services.env'), /AC[a-f0-9]{32}/)})`,
          'error',
        ],
        ['scripts/deploy.sh', 'aws-access-key-id', 'arn:aws:iam::123456789012:user/ci', 'error'],
        ['scripts/deploy.sh', 'aws-secret-access-key', 'arn:aws:iam::123456789012:user/ci', 'error'],
        ['src/notify.py', 'slack-bot-token', '@payments-bot in Acme', 'error'],
      ].sort(),
    );
    assert.deepEqual(
      report.findings.slice(0, live.length).map((f) => f.verification?.state),
      live.map(() => 'live'),
      'live findings first',
    );
    for (const [file, rule] of [
      ['mcp.json', 'github-pat-classic'],
      ['src/billing.ts', 'stripe-secret-key'],
      ['src/assistant.go', 'anthropic-api-key'],
      ['src/assistant.go', 'openai-api-key'],
      ['config/services.env', 'sendgrid-api-key'],
      ['config/services.env', 'huggingface-access-token'],
      ['config/services.env', 'datadog-api-key'],
    ])
      assert.equal(verdict(file, rule)?.state, 'invalid', `${file} ${rule}`);
    assert.match(
      report.findings.find((f) => f.path === '.env' && f.ruleId === 'github-pat-classic')!.message,
      /\(live at GitHub: @octocat\)$/,
    );
    assert.match(report.findings.find((f) => f.path === 'mcp.json')!.message, /\(not valid at GitHub\)$/);
    assert.equal(report.summary.live, live.length);
    assert.deepEqual(report.summary.verification, { credentials: 12, live: 5, invalid: 7, unknown: 0 });
    // Each provider was asked only about its own credentials (the fakes answer 404 to anything else).
    assert.equal(fakes.get('github')!.seen.length, 2);
    assert.equal(fakes.get('aws')!.seen.length, 1);
    assertNoValue(run.stdout + run.stderr, 'the JSON report');
    const cacheFile = path.join(cacheHome, 'nhi-lens', 'verify-cache.json');
    assert.ok(fs.existsSync(cacheFile), 'verdicts are cached in the user cache folder');
    assertNoValue(fs.readFileSync(cacheFile, 'utf8'), 'the cache file');
  });

  it('every format shows the verdict and whose the credential is, and no value', async () => {
    const outputs: Record<string, string> = {};
    for (const format of ['text', 'markdown', 'html', 'sarif']) {
      const run = await audit(['--verify', '--no-verify-cache', '--format', format]);
      assert.equal(run.code, 0, run.stderr);
      assertNoValue(run.stdout + run.stderr, format);
      outputs[format] = run.stdout;
    }
    assert.match(
      outputs.text,
      /error {3}LIVE GitHub personal access token \(classic\): ghp_…\w{4} in "GITHUB_TOKEN" \(live at GitHub: @octocat\)/,
    );
    assert.match(
      outputs.text,
      /5 live credentials: rotate first; 12 credentials verified with their providers: 5 live, 7 not valid, 0 unknown/,
    );
    assert.match(outputs.markdown, /\*\*5 live credentials\*\*: rotate them first\./);
    assert.match(outputs.markdown, /\| Location \| Severity \| Verified \| Rule \|/);
    assert.match(outputs.markdown, /\| `scripts\/deploy\.sh:3:26` \| error \| \*\*live\*\*: `arn:aws:iam::123456789012:user\/ci` \|/);
    assert.match(outputs.markdown, /\| not valid \| \[stripe-secret-key\]/);
    assert.match(outputs.html, /<span class="badge live" title="live at AWS: arn:aws:iam::123456789012:user\/ci">live<\/span>/);
    assert.match(outputs.html, /<code class="identity">@octocat<\/code>/);
    assert.match(outputs.html, /<b class="sev error">5<\/b><span class="muted">live credentials<\/span>/);
    const sarif = JSON.parse(outputs.sarif) as {
      runs: Array<{
        properties?: { verification?: { live: number } };
        results: Array<{ level: string; properties: { verification?: { state: string } } }>;
      }>;
    };
    const schema = JSON.parse(
      fs.readFileSync(path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(sarif.runs[0].properties?.verification?.live, 5);
    const liveResults = sarif.runs[0].results.filter((r) => r.properties.verification?.state === 'live');
    assert.equal(liveResults.length, 7);
    assert.ok(liveResults.every((r) => r.level === 'error'));
  });

  it('--verify-cache: a second run within the TTL asks nobody and gives the same verdicts', async () => {
    const cacheFile = path.join(cacheHome, 'own', 'verdicts.json');
    const first = await audit(['--verify', '--verify-cache', cacheFile, '--format', 'json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(sentAnything(), 12);
    for (const f of fakes.values()) f.reset();
    const second = await audit(['--verify', '--verify-cache', cacheFile, '--format', 'json']);
    assert.equal(sentAnything(), 0);
    const verdicts = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as JsonReport).findings.map((f) => [f.path, f.ruleId, f.verification?.state, f.verification?.identity]);
    assert.deepEqual(verdicts(second), verdicts(first));
    assertNoValue(fs.readFileSync(cacheFile, 'utf8'), 'the cache file');
  });

  it('GitHub tokens go to the GitHub the audit talks to (--github-url, GITHUB_API_URL) unless a verify endpoint names another', async () => {
    const github = fakes.get('github')!;
    const others = [...fakes].filter(([id]) => id !== 'github').map(([id, f]) => `${id}=${f.url}`);
    const run = await runCliAsync(
      ['audit', '.', '--no-git', '--fail-on', 'never', '--verify', '--no-verify-cache', '--format', 'json'],
      ws,
      {
        NHI_LENS_VERIFY_ENDPOINTS: others.join(','),
        GITHUB_API_URL: github.url,
        XDG_CACHE_HOME: cacheHome,
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(github.seen.length, 2);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.findings.find((f) => f.path === '.env' && f.ruleId === 'github-pat-classic')?.verification?.identity, '@octocat');
  });

  it('a repository cannot configure verification: its config has no such key', async () => {
    const config = path.join(ws, '.nhi-lens.yaml');
    const original = fs.readFileSync(config, 'utf8');
    try {
      fs.writeFileSync(config, `${original}\nverify:\n  endpoints:\n    github: http://127.0.0.1:9\n`);
      const run = await audit(['--verify', '--format', 'json']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /verify/);
      assert.equal(sentAnything(), 0);
    } finally {
      fs.writeFileSync(config, original);
    }
  });

  it('refuses endpoints that are not https (except loopback), and verify options without --verify', async () => {
    const bad = await audit(['--verify', '--verify-endpoint', 'github=http://github.example.com/api/v3']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /github endpoint must be https/);
    const stray = await audit(['--verify-endpoint', `github=${fakes.get('github')!.url}`]);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--verify-endpoint needs --verify/);
    const inventory = await runCliAsync(['inventory', '.', '--verify'], ws, env());
    assert.equal(inventory.code, 2);
    assert.match(inventory.stderr, /--verify: only audit takes this/);
    assert.equal(sentAnything(), 0);
  });
});
