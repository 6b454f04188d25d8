import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareExposure, daysAgo, exposureNote, inventoryGitNote, type GitState } from '../../../engine';
import { toInventoryItems } from '../../../server/protocolMapping';
import { secretsInHistory } from '../../../workspace/git/secretExposure';
import { defaultEngine } from '../../support/engineFixture';
import { runCli } from '../../cli/cliHarness';

/** Slack bot tokens, built at run time so no full token sits in the source. */
const token = (a: string, b: string, c: string) => ['xoxb', a, b, c].join('-');
const OLD = token('2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3');
const NEW = token('9182736450', '1928374650192', 'Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7');

describe('git exposure of committed secrets: when, by whom, pushed, commits since', function () {
  this.timeout(60_000);
  let repo: string;
  const git = (cwd: string, date: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  const commit = (date: string, author: string, message: string) => {
    git(repo, date, 'add', '.');
    git(repo, date, '-c', `user.name=${author}`, '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', message);
    return git(repo, date, 'rev-parse', 'HEAD').trim();
  };

  let oldCommit: string;
  let newCommit: string;
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-exposure-'));
    const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-remote-'));
    git(remote, '2025-01-01T00:00:00Z', 'init', '-q', '--bare');
    git(repo, '2025-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'z_old.py'), `SLACK_TOKEN = "${OLD}"\n`);
    oldCommit = commit('2025-01-10T12:00:00Z', 'Alice Old', 'old token');
    fs.writeFileSync(path.join(repo, 'readme.txt'), 'docs\n');
    commit('2025-02-01T12:00:00Z', 'Bob', 'docs');
    git(repo, '2025-02-01T12:00:00Z', 'remote', 'add', 'origin', remote);
    git(repo, '2025-02-01T12:00:00Z', 'push', '-q', 'origin', 'main');
    // After the push: committed on this machine only.
    fs.writeFileSync(path.join(repo, 'a_new.py'), `SLACK_TOKEN = "${NEW}"\n`);
    newCommit = commit('2026-06-01T12:00:00Z', 'Carol New', 'new token');
    fs.appendFileSync(path.join(repo, 'readme.txt'), 'more\n');
    commit('2026-06-02T12:00:00Z', 'Bob', 'more docs');
  });

  it('one pass over both files: first commit, date, author, pushed or not, commits made on top', async () => {
    const history = await secretsInHistory(repo, ['z_old.py', 'a_new.py'], defaultEngine());
    assert.ok(history);
    const [oldOne] = [...history.get('z_old.py')!.values()];
    const [newOne] = [...history.get('a_new.py')!.values()];
    assert.deepEqual(oldOne, {
      commit: oldCommit,
      date: '2025-01-10T12:00:00+00:00',
      author: 'Alice Old',
      pushed: true,
      commitsSince: 3,
    });
    assert.deepEqual(newOne, {
      commit: newCommit,
      date: '2026-06-01T12:00:00+00:00',
      author: 'Carol New',
      pushed: false,
      commitsSince: 1,
    });
  });

  it('a file with no secret in its past, and a repository without commits, give empty histories', async () => {
    const history = await secretsInHistory(repo, ['readme.txt'], defaultEngine());
    assert.equal(history?.get('readme.txt')?.size, 0);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-empty-'));
    git(empty, '2025-01-01T00:00:00Z', 'init', '-q');
    fs.writeFileSync(path.join(empty, 'a.py'), `T = "${NEW}"\n`);
    const none = await secretsInHistory(empty, ['a.py'], defaultEngine());
    assert.equal(none?.get('a.py')?.size, 0);
  });

  it('a file rewritten in hundreds of commits: its oldest and newest versions are read, a secret still there is always committed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-hot-file-'));
    git(dir, '2025-01-01T00:00:00Z', 'init', '-q', '-b', 'main');
    // 410 versions of one file through one git fast-import: FIRST from version 1, MIDDLE from
    // version 205 (among those not read), each later version appending a line.
    const MIDDLE = token('3847561920', '5829104736251', 'Hq4Wm8Ty2Ke6Np3Vd7Lb9Rc5');
    let stream = '';
    let content = '';
    for (let i = 1; i <= 410; i++) {
      content += i === 1 ? `FIRST = "${OLD}"\n` : i === 205 ? `MIDDLE = "${MIDDLE}"\n` : `x${i} = ${i}\n`;
      const message = `v${i}\n`;
      stream += `commit refs/heads/main\nmark :${i}\ncommitter Dev <dev@example.com> ${1_700_000_000 + i * 60} +0000\n`;
      stream += `data ${Buffer.byteLength(message)}\n${message}${i > 1 ? `from :${i - 1}\n` : ''}`;
      stream += `M 100644 inline hot.py\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
    const ids = git(dir, '2025-01-01T00:00:00Z', 'rev-list', '--reverse', 'HEAD').trim().split('\n');
    const history = await secretsInHistory(dir, ['hot.py'], defaultEngine());
    const dated = [...history!.get('hot.py')!.values()].map((c) => ids.indexOf(c.commit) + 1).sort((a, b) => a - b);
    // FIRST from version 1; MIDDLE from the first newest version read (211), not "uncommitted".
    assert.deepEqual(dated, [1, 211]);
  });

  it('never hands a secret value to git: argv holds paths and commit ids only (no pickaxe)', async () => {
    // A git on PATH that records its arguments, then runs the real one.
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-gitspy-'));
    const log = path.join(bin, 'argv.log');
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    try {
      const history = await secretsInHistory(repo, ['z_old.py', 'a_new.py'], defaultEngine());
      assert.equal(history?.get('z_old.py')?.size, 1, 'the spy git ran the real one');
    } finally {
      process.env.PATH = savedPath;
    }
    const argv = fs.readFileSync(log, 'utf8');
    assert.match(argv, /log .*--raw/);
    for (const secret of [OLD, NEW]) assert.ok(!argv.includes(secret.slice(5)), 'no part of a secret in any git argv');
    assert.ok(!/ -S| -G|--pickaxe/.test(argv));
  });

  it('the CLI report lists the pushed, oldest secret first, then the local one; the inventory says how exposed each is', () => {
    const run = runCli(['audit', '--format', 'json', '--fail-on', 'never'], repo);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ path: string; message: string; git?: { pushed?: boolean } }> };
    // File order would put a_new.py first.
    assert.deepEqual(
      findings.map((f) => [f.path, f.git?.pushed]),
      [
        ['z_old.py', true],
        ['a_new.py', false],
      ],
    );
    assert.match(findings[0].message, /2025-01-10: \d+ days ago by Alice Old, pushed, 3 commits since\): rotate it/);
    const csv = runCli(['inventory', '--format', 'csv'], repo).stdout.trimEnd().split('\r\n');
    assert.match(
      csv.find((l) => l.includes('z_old.py'))!,
      /,"committed \d+ days ago, pushed"$/,
    );
    assert.match(
      csv.find((l) => l.includes('a_new.py'))!,
      /,"committed \d+ days ago, not pushed"$/,
    );
    const md = runCli(['audit', '--format', 'markdown', '--fail-on', 'never'], repo).stdout;
    assert.match(md, /in history since [0-9a-f]{12} \(2025-01-10, \d+ days ago by Alice Old, pushed, 3 commits since\): rotate/);
    const sarif = JSON.parse(runCli(['audit', '--format', 'sarif', '--fail-on', 'never'], repo).stdout) as {
      runs: Array<{ results: Array<{ properties: { git?: { author?: string; pushed?: boolean; commitsSince?: number } } }> }>;
    };
    assert.deepEqual(
      sarif.runs[0].results.map((r) => [r.properties.git?.author, r.properties.git?.pushed, r.properties.git?.commitsSince]),
      [
        ['Alice Old', true, 3],
        ['Carol New', false, 1],
      ],
    );
    const text = runCli(['audit', '--fail-on', 'never'], repo).stdout;
    assert.ok(text.indexOf('z_old.py') < text.indexOf('a_new.py'), 'text report: most exposed first');
  });
});

describe('git exposure wording and order (engine)', () => {
  const now = Date.parse('2027-04-20T10:00:00Z');
  const committed = (date: string, pushed?: boolean, more: { author?: string; commitsSince?: number } = {}): GitState => ({
    state: 'committed',
    commit: 'c'.repeat(40),
    date,
    pushed,
    ...more,
  });

  it('days ago, and the facts git told, in the order people read them', () => {
    assert.equal(daysAgo('2026-03-04T10:00:00Z', now), '412 days ago');
    assert.equal(daysAgo('2027-04-19T10:00:00Z', now), '1 day ago');
    assert.equal(daysAgo('2027-04-20T09:00:00Z', now), 'today');
    assert.equal(
      exposureNote(committed('2026-03-04T10:00:00Z', true, { author: 'Dev', commitsSince: 1 }), now),
      '412 days ago by Dev, pushed, 1 commit since',
    );
    assert.equal(exposureNote(committed('2026-03-04T10:00:00Z'), now), '412 days ago', 'unknown facts are left out');
    assert.equal(inventoryGitNote(committed('2026-03-04T10:00:00Z', true), now), 'committed 412 days ago, pushed');
    assert.equal(inventoryGitNote({ state: 'uncommitted' }, now), 'not committed');
    assert.equal(inventoryGitNote(undefined, now), '');
  });

  it("the editor's inventory rows carry the state and its words; identities without git carry neither", () => {
    const base = {
      id: 'x',
      kind: 'secret' as const,
      name: 'Slack bot token xoxb…5Hs3',
      provider: 'slack',
      path: 'a.py',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      owner: null,
      ownerSource: 'none' as const,
      breadth: 'unknown' as const,
      credential: 'static' as const,
      findings: ['fp'],
    };
    const [withGit, without] = toInventoryItems([{ ...base, git: committed('2020-01-01T00:00:00Z', true) }, base], '/ws');
    assert.match(withGit.exposure!, /^committed \d+ days ago, pushed$/);
    assert.equal(withGit.git?.state, 'committed');
    assert.equal(without.exposure, undefined);
    assert.equal(without.git, undefined);
  });

  it('pushed before local before uncommitted before no git; older first among the committed', () => {
    const states: Array<GitState | undefined> = [
      undefined,
      { state: 'uncommitted' },
      committed('2026-01-01T00:00:00Z', false),
      committed('2026-06-01T00:00:00Z', true),
      committed('2025-06-01T00:00:00Z', true),
    ];
    const sorted = [...states].sort(compareExposure);
    assert.deepEqual(
      sorted.map((s) => (s && s.state !== 'uncommitted' ? `${s.pushed ? 'pushed' : 'local'} ${s.date.slice(0, 4)}` : (s?.state ?? 'none'))),
      ['pushed 2025', 'pushed 2026', 'local 2026', 'uncommitted', 'none'],
    );
  });
});
