import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliHarness';

const COMMITTED = 'xoxb-2741093856-4820193746512-Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3';
const FRESH = 'xoxb-9182736450-1928374650192-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-04T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-04T10:00:00Z' },
  });

describe('nhi-lens audit: secrets against git history', function () {
  this.timeout(60_000);
  let repo: string;

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-git-'));
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'dev@example.com');
    git(repo, 'config', 'user.name', 'Dev');
    fs.writeFileSync(path.join(repo, 'notify.py'), `SLACK_TOKEN = "${COMMITTED}"\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'add notifier');
    // Later, in the working tree only: a second token beside the committed one.
    fs.appendFileSync(path.join(repo, 'notify.py'), `SLACK_FALLBACK = "${FRESH}"\n`);
  });

  const audit = (...args: string[]) =>
    JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never', ...args], repo).stdout) as {
      findings: Array<{
        message: string;
        severity: string;
        range: { start: { line: number } };
        git?: { state: string; commit?: string; date?: string };
      }>;
    };

  it('marks a committed secret "rotate it" with its first commit, and a new one "remove before committing"', () => {
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const [committed, fresh] = audit().findings;
    assert.deepEqual(committed.git, {
      state: 'committed',
      commit: head,
      date: '2026-03-04T10:00:00+00:00',
      author: 'Dev',
      pushed: false,
      commitsSince: 0,
    });
    assert.equal(committed.severity, 'error');
    assert.match(
      committed.message,
      new RegExp(
        `already in git history \\(commit ${head.slice(0, 12)}, 2026-03-04: \\d+ days ago by Dev, not pushed, 0 commits since\\): rotate it`,
      ),
    );
    assert.deepEqual(fresh.git, { state: 'uncommitted' });
    assert.match(fresh.message, /not committed yet: remove it before committing/);
  });

  it('a committed secret of a warning-level rule becomes an error; the same one uncommitted stays a warning', () => {
    // generic-password-assignment is a warning: only its git state can make it an error.
    fs.writeFileSync(path.join(repo, 'db.properties'), 'db.password=Wint3r!sComing42\n');
    const before = audit().findings.find((f) => f.message.startsWith('Hard-coded password'));
    assert.equal(before?.severity, 'warning');
    assert.equal(before?.git?.state, 'uncommitted');
    git(repo, 'add', 'db.properties');
    git(repo, 'commit', '-q', '-m', 'db config');
    const after = audit().findings.find((f) => f.message.startsWith('Hard-coded password'));
    assert.equal(after?.git?.state, 'committed');
    assert.equal(after?.severity, 'error', 'committed: rotate it, whatever the rule says');
  });

  it('--no-git, and folders outside a repository, leave findings as they are', () => {
    assert.ok(audit('--no-git').findings.every((f) => f.git === undefined));
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-nogit-'));
    fs.writeFileSync(path.join(plain, 'a.py'), `T = "${FRESH}"\n`);
    const run = runCli(['audit', '--format', 'json', '--fail-on', 'never'], plain);
    assert.ok(JSON.parse(run.stdout).findings.every((f: { git?: unknown }) => f.git === undefined));
    assert.match(run.stderr, /not a git repository/);
  });
});
