import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { annotateGitState } from '../../../workspace/git/secretExposure';
import { ignoredByGit } from '../../../workspace/git/secretHistory';
import { defaultEngine } from '../../support/engineFixture';

/** A Slack bot token built at run time, so no full token sits in the source. */
const TOKEN = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');

describe('files git ignores, asked in one process', function () {
  this.timeout(60_000);
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-ignored-'));
    git('init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, '.gitignore'), '.env\n*.local\n');
    fs.mkdirSync(path.join(repo, 'svc'));
    // Tracked although the pattern matches it: git does not ignore a tracked file.
    fs.writeFileSync(path.join(repo, 'tracked.local'), 'x\n');
    git('add', '-f', '.gitignore', 'tracked.local');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('names exactly the ignored, untracked paths (nested, with spaces), and none outside a repository', async () => {
    const paths = ['.env', 'svc/.env', 'svc/with space.local', 'main.py', 'tracked.local'];
    assert.deepEqual([...(await ignoredByGit(repo, paths))].sort(), ['.env', 'svc/.env', 'svc/with space.local']);
    assert.deepEqual([...(await ignoredByGit(repo, []))], []);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-not-a-repo-'));
    assert.deepEqual([...(await ignoredByGit(plain, ['.env']))], []);
    // More input than a pipe holds: git exits before reading it, and the broken pipe is no error.
    const many = Array.from({ length: 20_000 }, (_, i) => `dir/file-${i}.env`);
    assert.deepEqual([...(await ignoredByGit(plain, many))], []);
    fs.rmSync(plain, { recursive: true, force: true });
  });

  it("a path git refuses (beyond a linked folder) costs only its own answer, not the others'", async () => {
    fs.mkdirSync(path.join(repo, 'real'));
    fs.writeFileSync(path.join(repo, 'real', 'b.txt'), 'x\n');
    fs.symlinkSync('real', path.join(repo, 'link'));
    // Asked alone, git stops at it ("is beyond a symbolic link") and answers for nothing.
    const paths = ['.env', 'svc/.env', 'link/b.txt', 'main.py', 'svc/x.local'];
    assert.deepEqual([...(await ignoredByGit(repo, paths))].sort(), ['.env', 'svc/.env', 'svc/x.local']);
  });

  it("paths in a submodule, however many and wherever in the list, cost neither the others' answers nor a process each", async () => {
    const sub = path.join(repo, 'm', 'sub');
    fs.mkdirSync(sub, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: sub });
    fs.writeFileSync(path.join(sub, 'x'), 'x\n');
    execFileSync('git', ['add', 'x'], { cwd: sub });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'sub'], { cwd: sub });
    // An embedded repository added to the index is a submodule to git's pathspecs.
    git('-c', 'advice.addEmbeddedRepo=false', 'add', 'm/sub');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'add sub');
    const names = (dir: string) => Array.from({ length: 200 }, (_, i) => `${dir}/${i}.local`);
    const paths = [...names('a'), ...names('m/sub'), ...names('z')];
    const ignored = await ignoredByGit(repo, paths);
    assert.equal(ignored.size, 400);
    assert.ok([...names('a'), ...names('z')].every((p) => ignored.has(p)));
  });

  it('the audit marks a secret in an ignored .env as ignored, and one in a file git would commit as not', async () => {
    fs.writeFileSync(path.join(repo, '.env'), `SLACK_BOT_TOKEN=${TOKEN}\n`);
    fs.writeFileSync(path.join(repo, 'app.env'), `SLACK_BOT_TOKEN=${TOKEN}\n`);
    const engine = defaultEngine();
    const findings = ['.env', 'app.env'].flatMap(
      (p) => engine.scan({ path: p, text: fs.readFileSync(path.join(repo, p), 'utf8') }).findings,
    );
    assert.ok(findings.length >= 2);
    assert.equal(await annotateGitState(repo, findings, engine), true);
    const byPath = (p: string) => findings.find((f) => f.path === p && f.category === 'secret')!.git;
    assert.deepEqual(byPath('.env'), { state: 'uncommitted', ignored: true });
    assert.deepEqual(byPath('app.env'), { state: 'uncommitted' });
  });
});
