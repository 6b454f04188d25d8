import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fetchWithTimeout } from '../../../integrations/github/githubApi';
import { CLI, copyOfExampleWorkspace, type CliRun } from '../../cli/cliHarness';

/** The CLI run asynchronously: the fake GitHub answers from this same process. */
function runCliAsync(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        GITHUB_TOKEN: undefined,
        GH_TOKEN: undefined,
        GITHUB_API_URL: undefined,
        GITHUB_REPOSITORY: undefined,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface Seen {
  method: string;
  url: string;
  auth?: string;
  body?: string;
}
type Mode = 'ok' | 'unauthorized' | 'rate-limited' | 'forbidden' | 'not-found';

/** Speaks the GitHub REST endpoints nhi-lens uses, as GitHub.com and GHES answer them. */
class FakeGitHub {
  mode: Mode = 'ok';
  seen: Seen[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v3`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      this.seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      };
      if (this.mode === 'unauthorized') return json(401, { message: 'Bad credentials' });
      if (this.mode === 'rate-limited')
        return json(
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.UTC(2026, 10, 22, 14, 5) / 1000) },
        );
      if (this.mode === 'forbidden') return json(403, { message: 'Resource not accessible by integration' });
      if (this.mode === 'not-found') return json(404, { message: 'Not Found' });
      const url = new URL(req.url!, 'http://x');
      const base = '/api/v3/repos/acme/app';
      if (req.method === 'GET' && url.pathname === `${base}/secret-scanning/alerts`) {
        const page = Number(url.searchParams.get('page') ?? '1');
        const pages = [
          [
            {
              number: 7,
              secret_type: 'stripe_api_key',
              secret_type_display_name: 'Stripe API Key',
              html_url: 'https://github.example/acme/app/security/secret-scanning/7',
              first_location_detected: { path: 'src/billing.ts', start_line: 4 },
              has_more_locations: false,
            },
          ],
          [
            { number: 8, secret_type: 'slack_api_token', html_url: 'https://github.example/acme/app/security/secret-scanning/8' },
            {
              number: 9,
              secret_type: 'github_personal_access_token',
              secret_type_display_name: 'GitHub Personal Access Token',
              html_url: 'https://github.example/acme/app/security/secret-scanning/9',
              first_location_detected: { path: 'old/settings.py', start_line: 3 },
              has_more_locations: false,
            },
          ],
        ];
        const link: Record<string, string> =
          page < pages.length
            ? {
                link: `<${this.url}/repos/acme/app/secret-scanning/alerts?state=open&per_page=100&hide_secret=true&page=${page + 1}>; rel="next"`,
              }
            : {};
        return json(200, pages[page - 1] ?? [], link);
      }
      if (req.method === 'GET' && url.pathname === `${base}/secret-scanning/alerts/8/locations`) {
        return json(200, [
          { type: 'commit', details: { path: 'src/notify.py', start_line: 4, blob_sha: 'a', commit_sha: 'b' } },
          { type: 'issue_body', details: {} },
        ]);
      }
      if (req.method === 'POST' && url.pathname === `${base}/code-scanning/sarifs`)
        return json(202, { id: 'upload-42', url: `${this.url}/repos/acme/app/code-scanning/sarifs/upload-42` });
      json(404, { message: 'Not Found' });
    });
  }
}

describe('GitHub integration (octokit against a local fake GitHub)', function () {
  this.timeout(60_000);
  const github = new FakeGitHub();
  let ws: string;
  before(async () => {
    await github.start();
    ws = copyOfExampleWorkspace();
  });
  after(() => github.stop());
  beforeEach(() => {
    github.mode = 'ok';
    github.seen = [];
  });

  const audit = (extra: string[], env: Record<string, string | undefined> = { GITHUB_TOKEN: 'ghs_test-token' }) =>
    runCliAsync(
      [
        'audit',
        '.',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--no-git',
        '--github-repo',
        'acme/app',
        '--github-url',
        github.url,
        ...extra,
      ],
      ws,
      env,
    );

  it('pages through open alerts, asks for locations where the list has none, and marks matching findings', async () => {
    const run = await audit(['--github']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ path: string; message: string; github?: { alert: number } }>;
      githubAlertsNotFound: Array<{ number: number }>;
    };
    const alerted = report.findings.filter((f) => f.github).map((f) => [f.path, f.github!.alert]);
    assert.deepEqual(alerted.sort(), [
      ['src/billing.ts', 7],
      ['src/notify.py', 8],
    ]);
    assert.match(report.findings.find((f) => f.path === 'src/billing.ts')!.message, /GitHub already alerted: #7/);
    assert.deepEqual(
      report.githubAlertsNotFound.map((a) => a.number),
      [9],
    );
    const list = github.seen.filter((s) => s.url.includes('/secret-scanning/alerts?'));
    assert.equal(list.length, 2, 'two pages');
    assert.ok(
      list.every((s) => /hide_secret=true/.test(s.url) && /state=open/.test(s.url)),
      'secrets are never requested',
    );
    assert.ok(github.seen.every((s) => s.auth === 'token ghs_test-token'));
    assert.match(run.stderr, /3 open secret-scanning alerts, 2 matched here/);
  });

  const failures: Array<[Mode, RegExp]> = [
    ['unauthorized', /rejected the token \(401\); check GITHUB_TOKEN/],
    ['rate-limited', /GitHub rate limit reached until 14:05 UTC/],
    ['forbidden', /may not do this on acme\/app \(403: Resource not accessible by integration\)/],
    ['not-found', /not found on 127\.0\.0\.1:\d+ \(404\)/],
  ];
  for (const [mode, message] of failures) {
    it(`${mode}: a clear note, and the local audit is complete`, async () => {
      github.mode = mode;
      const run = await audit(['--github']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, message);
      const report = JSON.parse(run.stdout) as { findings: unknown[]; notes: string[] };
      assert.equal(report.findings.length, 22);
      assert.ok(report.notes.some((n) => message.test(n)));
    });
  }

  /** A local listener that is not a web server: `answer` gets each connection (no fixed port, nothing else may hold it). */
  async function withListener(answer: (socket: net.Socket) => void, test: (url: string) => Promise<void>): Promise<void> {
    const sockets = new Set<net.Socket>();
    const listener = net.createServer((socket) => {
      sockets.add(socket);
      answer(socket);
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    try {
      await test(`http://127.0.0.1:${(listener.address() as AddressInfo).port}/api/v3`);
    } finally {
      // close() waits for every connection to end: end them.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => listener.close(() => r()));
    }
  }

  it('network failure: says it cannot reach the API URL, and keeps the audit', () =>
    withListener(
      (socket) => socket.end('not HTTP\r\n\r\n'),
      async (url) => {
        const run = await runCliAsync(
          [
            'audit',
            '.',
            '--format',
            'json',
            '--fail-on',
            'never',
            '--no-git',
            '--github',
            '--github-repo',
            'acme/app',
            '--github-url',
            url,
          ],
          ws,
          { GITHUB_TOKEN: 't' },
        );
        assert.equal(run.code, 0, run.stderr);
        assert.ok(run.stderr.includes(`cannot reach ${url} (`), run.stderr);
        assert.equal((JSON.parse(run.stdout) as { findings: unknown[] }).findings.length, 22);
      },
    ));

  it('a connection dropped on accept fails the call at the deadline instead of leaving it unsettled', () =>
    // Node's fetch alone may never settle here (the CLI then exited 0 without a report).
    withListener(
      (socket) => socket.destroy(),
      async (url) => {
        await assert.rejects(fetchWithTimeout(300)(`${url}/repos/acme/app`), /no answer within 0\.3 s|fetch failed/);
      },
    ));

  it('without a token, GitHub is skipped with a note and nothing is sent', async () => {
    const run = await audit(['--github'], {});
    assert.equal(run.code, 0);
    assert.match(run.stderr, /skipped: set GITHUB_TOKEN/);
    assert.equal(github.seen.length, 0);
  });

  it('--upload-sarif sends gzipped SARIF for the commit and ref, with masked values only', async () => {
    const out = path.join(ws, 'out.sarif');
    const run = await audit(['--upload-sarif', '--sarif', out], {
      GITHUB_TOKEN: 't',
      GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
      GITHUB_REF: 'refs/heads/main',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /uploaded SARIF to acme\/app code scanning \(upload upload-42, refs\/heads\/main at c0ffee000000\)/);
    const post = github.seen.find((s) => s.method === 'POST')!;
    const body = JSON.parse(post.body!) as { commit_sha: string; ref: string; sarif: string; tool_name: string };
    assert.equal(body.commit_sha, 'c0ffee'.padEnd(40, '0'));
    assert.equal(body.ref, 'refs/heads/main');
    const sarif = gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8');
    assert.equal(sarif, fs.readFileSync(out, 'utf8'));
    assert.equal((JSON.parse(sarif) as { version: string }).version, '2.1.0');
    assert.doesNotMatch(sarif, /sk_live_[\w]{8,}|xoxb-[\d-]{8,}/);
  });

  it('a failed upload exits 3 (when nothing else failed) but still writes the report', async () => {
    github.mode = 'forbidden';
    const out = path.join(ws, 'report.json');
    const run = await audit(['--upload-sarif', '--output', out], {
      GITHUB_TOKEN: 't',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
    });
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /uploading SARIF to code scanning: the token may not do this/);
    assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as { findings: unknown[] }).findings.length, 22);
  });
});
