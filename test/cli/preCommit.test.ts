import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO, runCli } from './cliHarness';

/** Slack bot tokens, built at run time so no full token sits in the source. */
const token = (a: string, b: string, c: string) => ['xoxb', a, b, c].join('-');
const OLD = token('2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3');
const NEW = token('9182736450', '1928374650192', 'Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7');

function newRepo(): { dir: string; git: (...args: string[]) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-precommit-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  return { dir, git };
}

describe('nhi-lens audit --staged (pre-commit)', function () {
  this.timeout(60_000);

  it('checks the staged blob, not the working tree: a secret staged then cleaned on disk still stops the commit', () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'a.py'), `T = "${NEW}"\n`);
    git('add', 'a.py');
    fs.writeFileSync(path.join(dir, 'a.py'), 'T = os.environ["T"]\n');
    const run = runCli(['audit', '--staged'], dir);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /a\.py\n.*Slack bot token.*not committed yet: remove it before committing/);
    assert.match(run.stderr, /commit stopped: the staged changes add a finding.*--no-verify/);
    assert.ok(!run.stdout.includes(NEW) && !run.stderr.includes(NEW), 'the value is masked');
  });

  it('and the other way round: a secret only in the working tree, not staged, does not stop it', () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'a.py'), 'T = 1\n');
    git('add', 'a.py');
    fs.writeFileSync(path.join(dir, 'a.py'), `T = "${NEW}"\n`);
    const run = runCli(['audit', '--staged'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '', 'a clean commit is quiet');
  });

  it('reports only what the commit adds: an old committed secret in a changed (or renamed) file does not block it', () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'old.py'), `T = "${OLD}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'old');
    fs.appendFileSync(path.join(dir, 'old.py'), 'X = 1\n');
    git('mv', 'old.py', 'moved.py');
    git('add', '-A');
    assert.equal(runCli(['audit', '--staged'], dir).code, 0);
    fs.writeFileSync(path.join(dir, 'new.py'), `T = "${NEW}"\n`);
    git('add', 'new.py');
    const run = runCli(['audit', '--staged', '--format', 'json'], dir);
    assert.equal(run.code, 1);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ path: string; git?: { state: string } }> };
    assert.deepEqual(
      findings.map((f) => [f.path, f.git?.state]),
      [['new.py', 'uncommitted']],
    );
  });

  it('the first commit of a repository, a staged deletion, and --fail-on never', () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'a.py'), `T = "${NEW}"\n`);
    git('add', 'a.py');
    assert.equal(runCli(['audit', '--staged'], dir).code, 1, 'unborn branch: everything staged is new');
    assert.equal(runCli(['audit', '--staged', '--fail-on', 'never'], dir).code, 0);
    git('commit', '-q', '--no-verify', '-m', 'leak');
    git('rm', '-q', 'a.py');
    assert.equal(runCli(['audit', '--staged'], dir).code, 0, 'deleting a secret adds nothing');
  });

  it('outside a repository: exit 2 and why; options that make no sense staged are refused', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-plain-'));
    const run = runCli(['audit', '--staged'], plain);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not a git repository/);
    const both = runCli(['audit', '--staged', '--history'], plain);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--history: not with --staged/);
  });
});

describe('nhi-lens install-hook', function () {
  this.timeout(60_000);
  const commit = (dir: string, ...args: string[]) => spawnSync('git', ['commit', '-q', ...args], { cwd: dir, encoding: 'utf8' });

  it('installs a plain git hook that runs on commit, stops a secret and lets a clean change through; idempotent', () => {
    const { dir, git } = newRepo();
    const first = runCli(['install-hook'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /pre-commit hook installed: .*\.git\/hooks\/pre-commit/);
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    assert.ok(fs.statSync(hook).mode & 0o100, 'executable');
    const again = runCli(['install-hook'], dir);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /already installed/);

    fs.writeFileSync(path.join(dir, 'ok.txt'), 'hello\n');
    git('add', 'ok.txt');
    const clean = commit(dir, '-m', 'clean');
    assert.equal(clean.status, 0, clean.stderr);
    fs.writeFileSync(path.join(dir, 'leak.py'), `T = "${NEW}"\n`);
    git('add', 'leak.py');
    const blocked = commit(dir, '-m', 'leak');
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /commit stopped/);
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '1', 'the leaking commit was not made');
    // `commit -a` and `commit <path>` stage into a temporary index (GIT_INDEX_FILE): that is what is checked.
    git('reset', '-q');
    fs.rmSync(path.join(dir, 'leak.py'));
    fs.appendFileSync(path.join(dir, 'ok.txt'), `token = "${NEW}"\n`);
    const all = commit(dir, '-a', '-m', 'leak via -a');
    assert.equal(all.status, 1, 'commit -a');
    assert.match(all.stderr, /ok\.txt/, "git shows a hook's output on stderr");
    assert.equal(commit(dir, 'ok.txt', '-m', 'leak via path').status, 1, 'commit <path>');
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '1');
  });

  it("goes where core.hooksPath says, and refuses to overwrite another tool's hook without --force (kept as a backup)", () => {
    const { dir, git } = newRepo();
    git('config', 'core.hooksPath', '.githooks');
    fs.mkdirSync(path.join(dir, '.githooks'));
    const foreign = '#!/bin/sh\necho other tool\n';
    fs.writeFileSync(path.join(dir, '.githooks', 'pre-commit'), foreign, { mode: 0o755 });
    const refused = runCli(['install-hook'], dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /another tool's pre-commit hook: left as it is/);
    assert.equal(fs.readFileSync(path.join(dir, '.githooks', 'pre-commit'), 'utf8'), foreign);
    const forced = runCli(['install-hook', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(path.join(dir, '.githooks', 'pre-commit'), 'utf8'), /nhi-lens pre-commit hook/);
    assert.equal(fs.readFileSync(path.join(dir, '.githooks', 'pre-commit.nhi-lens-backup'), 'utf8'), foreign);
    assert.ok(!fs.existsSync(path.join(dir, '.git', 'hooks', 'pre-commit')));
  });

  it('outside a repository: exit 2', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-plain-'));
    const run = runCli(['install-hook'], plain);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not a git repository/);
  });

  it('.pre-commit-hooks.yaml runs the same staged check, without file names', () => {
    const hooks = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const hook = hooks.find((h) => h.id === 'nhi-lens');
    assert.ok(hook);
    assert.equal(hook.entry, 'nhi-lens audit --staged');
    assert.equal(hook.language, 'node');
    assert.equal(hook.pass_filenames, false);
  });
});

describe('nhi-lens audit --diff <ref> (pull requests)', function () {
  this.timeout(60_000);

  it("reports only the findings the branch adds since the merge base, not the target branch's old ones or its later ones", () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'old.py'), `T = "${OLD}"\n`);
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_iam_role" "r" {\n  name = "r"\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    fs.appendFileSync(path.join(dir, 'old.py'), 'X = 1\n');
    fs.writeFileSync(path.join(dir, 'new.py'), `T = "${NEW}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'feature');
    // main moves on after the branch point: its own new files are not the pull request's.
    git('checkout', '-q', 'main');
    fs.writeFileSync(path.join(dir, 'later.py'), `T = "${token('3847561920', '5829104736251', 'Hq4Wm8Ty2Ke6Np3Vd7Lb9Rc5')}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'later on main');
    const onMain = JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never', '--no-git'], dir).stdout) as {
      findings: Array<{ path: string }>;
    };
    assert.ok(
      onMain.findings.some((f) => f.path === 'later.py'),
      "main's later secret is a finding on main",
    );
    git('checkout', '-q', 'feature');

    const run = runCli(['audit', '--diff', 'main', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: Array<{ path: string }>; notes: string[] };
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['new.py'],
    );
    assert.ok(report.notes.some((n) => /--diff main: 2 files changed since [0-9a-f]{12}/.test(n)));
    const all = JSON.parse(runCli(['audit', '--format', 'json', '--fail-on', 'never'], dir).stdout) as {
      findings: Array<{ path: string }>;
    };
    assert.deepEqual(
      [...new Set(all.findings.map((f) => f.path))].sort(),
      ['main.tf', 'new.py', 'old.py'],
      'without --diff: everything, the untouched main.tf too',
    );
  });

  it('nothing changed: no findings, exit 0; an unknown ref: exit 2 with the fix', () => {
    const { dir, git } = newRepo();
    fs.writeFileSync(path.join(dir, 'old.py'), `T = "${OLD}"\n`);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const same = runCli(['audit', '--diff', 'HEAD', '--format', 'json'], dir);
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual((JSON.parse(same.stdout) as { findings: unknown[] }).findings, []);
    const unknown = runCli(['audit', '--diff', 'origin/nope'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no commit "origin\/nope".*fetch-depth: 0/);
    assert.equal(runCli(['audit', '--diff', '--output=x'], dir).code, 2, 'a ref is never an option');
  });
});
