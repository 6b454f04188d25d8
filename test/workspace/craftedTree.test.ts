import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SkipNote } from '../../engine';
import { scanFile } from '../../workspace/files/fileReader';
import { walkFiles } from '../../workspace/files/fileWalker';
import { terraformSiblingReader } from '../../workspace/terraformSiblings';
import { CLI } from '../cli/cliHarness';
import { defaultEngine } from '../support/engineFixture';

/** A Slack bot token assembled at run time (never written whole in the source). */
const SLACK = ['xo', 'xb-2741093856-4820193746512-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');
const FIFO_SUPPORTED = process.platform !== 'win32';

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** Walks like the audit does; returns the files yielded and the notes of what was passed over. */
function walk(targets: string[], root: string): { files: string[]; skipped: SkipNote[] } {
  const skipped: SkipNote[] = [];
  const files = [...walkFiles(targets, { root, onSkip: (note) => skipped.push(note) })].map((f) => f.relative);
  return { files, skipped };
}

const reasonOf = (skipped: SkipNote[], p: string) => skipped.find((s) => s.path === p)?.reason;

describe('crafted trees: links, pipes, sockets, devices and unreadable folders', function () {
  this.timeout(60_000);
  let base: string;
  let ws: string;
  let server: net.Server | undefined;

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-crafted-'));
    fs.chmodSync(base, 0o755); // the unreadable-folder test runs the CLI as another user
    ws = path.join(base, 'ws');
    fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.writeFileSync(path.join(ws, 'sub', 'app.env'), `SLACK_TOKEN=${SLACK}\n`);
    fs.writeFileSync(path.join(base, 'elsewhere', 'secret.env'), `SLACK_TOKEN=${SLACK}\n`);
  });

  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r));
    server = undefined;
  });

  it('never follows a link in the tree and says why for each kind of link', () => {
    fs.symlinkSync('sub/app.env', path.join(ws, 'to-file.env'));
    fs.symlinkSync('sub', path.join(ws, 'to-folder'));
    fs.symlinkSync('../elsewhere/secret.env', path.join(ws, 'outside.env'));
    fs.symlinkSync('../elsewhere', path.join(ws, 'outside-folder'));
    fs.symlinkSync('/', path.join(ws, 'filesystem-root'));
    fs.symlinkSync('loop-b', path.join(ws, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(ws, 'loop-b'));
    fs.symlinkSync('.', path.join(ws, 'sub', 'self'));
    fs.symlinkSync('missing.env', path.join(ws, 'broken.env'));
    const { files, skipped } = walk([ws], ws);
    assert.deepEqual(files, ['sub/app.env'], 'only the regular file is read, once');
    assert.match(reasonOf(skipped, 'to-file.env')!, /^symbolic link to a file inside the audited folder: not followed/);
    assert.match(reasonOf(skipped, 'to-folder')!, /^symbolic link to a folder inside the audited folder: not followed/);
    assert.match(reasonOf(skipped, 'sub/self')!, /^symbolic link to a folder inside the audited folder/);
    assert.equal(reasonOf(skipped, 'outside.env'), 'symbolic link pointing outside the audited folder: not followed');
    assert.equal(reasonOf(skipped, 'outside-folder'), 'symbolic link pointing outside the audited folder: not followed');
    assert.equal(reasonOf(skipped, 'filesystem-root'), 'symbolic link pointing outside the audited folder: not followed');
    assert.equal(reasonOf(skipped, 'loop-a'), 'symbolic link loop: not followed');
    assert.equal(reasonOf(skipped, 'loop-b'), 'symbolic link loop: not followed');
    assert.equal(reasonOf(skipped, 'broken.env'), 'broken symbolic link: not followed');
    assert.equal(skipped.length, 9);
    for (const note of skipped) assert.ok(!note.reason.includes(base), `no target path in "${note.reason}"`);
  });

  it('a link the config or .gitignore excludes is not noted', () => {
    fs.symlinkSync('../elsewhere/secret.env', path.join(ws, 'outside.env'));
    fs.writeFileSync(path.join(ws, '.gitignore'), 'outside.env\n');
    const { skipped } = walk([ws], ws);
    assert.deepEqual(skipped, []);
  });

  it('a link named on the command line is the user’s choice: followed', () => {
    fs.symlinkSync('sub/app.env', path.join(ws, 'named.env'));
    const { files, skipped } = walk([path.join(ws, 'named.env')], ws);
    assert.deepEqual(files, ['named.env']);
    assert.deepEqual(skipped, []);
  });

  (FIFO_SUPPORTED ? it : it.skip)('never opens a FIFO, a socket or a device, in the tree or named', async () => {
    mkfifo(path.join(ws, 'pipe.env'));
    server = net.createServer();
    await new Promise<void>((r) => server!.listen(path.join(ws, 'agent.sock'), r));
    const inTree = walk([ws], ws);
    assert.deepEqual(inTree.files, ['sub/app.env']);
    assert.equal(reasonOf(inTree.skipped, 'pipe.env'), 'named pipe (FIFO): not read');
    assert.equal(reasonOf(inTree.skipped, 'agent.sock'), 'socket: not read');
    const named = walk([path.join(ws, 'pipe.env'), '/dev/null'], ws);
    assert.deepEqual(named.files, []);
    assert.equal(reasonOf(named.skipped, 'pipe.env'), 'named pipe (FIFO): not read');
    assert.equal(named.skipped.find((s) => s.path.endsWith('dev/null'))?.reason, 'device file: not read');
  });

  (FIFO_SUPPORTED ? it : it.skip)('a file swapped for a FIFO or a link after the walk is not opened', () => {
    const engine = defaultEngine();
    const file = path.join(ws, 'sub', 'app.env');
    fs.rmSync(file);
    mkfifo(file);
    assert.deepEqual(scanFile(engine, file, 'sub/app.env').skipped, [{ path: 'sub/app.env', reason: 'named pipe (FIFO): not read' }]);
    fs.rmSync(file);
    fs.symlinkSync(path.join(base, 'elsewhere', 'secret.env'), file);
    const scan = scanFile(engine, file, 'sub/app.env');
    assert.deepEqual(scan.findings, []);
    assert.deepEqual(scan.skipped, [{ path: 'sub/app.env', reason: 'became a symbolic link after the walk: not followed' }]);
  });

  (FIFO_SUPPORTED ? it : it.skip)('a .gitignore that is a FIFO does not hang the walk', () => {
    mkfifo(path.join(ws, 'sub', '.gitignore'));
    const { files, skipped } = walk([ws], ws);
    assert.deepEqual(files, ['sub/app.env']);
    assert.equal(reasonOf(skipped, 'sub/.gitignore'), 'named pipe (FIFO): not read');
  });

  (FIFO_SUPPORTED ? it : it.skip)('Terraform sibling files: links and FIFOs are not read', () => {
    fs.writeFileSync(path.join(ws, 'main.tf'), 'resource "aws_iam_user" "u" {}\n');
    fs.writeFileSync(path.join(ws, 'providers.tf'), 'provider "aws" {}\n');
    fs.writeFileSync(path.join(base, 'elsewhere', 'outside.tf'), 'provider "aws" {}\n');
    fs.symlinkSync('../elsewhere/outside.tf', path.join(ws, 'linked.tf'));
    mkfifo(path.join(ws, 'pipe.tf'));
    const siblings = terraformSiblingReader(ws, true)('main.tf').map((f) => path.basename(f.path));
    assert.deepEqual(siblings, ['providers.tf']);
  });

  it('the audit lists every entry it passed over, and an unreadable folder, in the report', function () {
    const uid = process.getuid?.();
    if (uid === undefined) this.skip(); // no POSIX permissions to take away
    fs.mkdirSync(path.join(ws, 'locked'));
    fs.writeFileSync(path.join(ws, 'locked', 'hidden.env'), `SLACK_TOKEN=${SLACK}\n`);
    fs.chmodSync(path.join(ws, 'locked'), 0o000);
    fs.symlinkSync('../elsewhere/secret.env', path.join(ws, 'outside.env'));
    if (FIFO_SUPPORTED) mkfifo(path.join(ws, 'pipe.env'));
    // Root reads any folder: run the CLI as an unprivileged user then, as the test intends.
    const asUser = uid === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, [CLI, 'audit', ws, '--format', 'json', '--no-git', '--fail-on', 'never', '--quiet'], {
      cwd: base,
      encoding: 'utf8',
      timeout: 60_000,
      ...asUser,
    });
    fs.chmodSync(path.join(ws, 'locked'), 0o755);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { skipped: SkipNote[]; findings: Array<{ path: string }> };
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['sub/app.env'],
    );
    assert.equal(reasonOf(report.skipped, 'locked'), 'folder not readable (EACCES): not scanned');
    assert.equal(reasonOf(report.skipped, 'outside.env'), 'symbolic link pointing outside the audited folder: not followed');
    if (FIFO_SUPPORTED) assert.equal(reasonOf(report.skipped, 'pipe.env'), 'named pipe (FIFO): not read');
  });

  it('a .gitignore whose globs would backtrack for minutes over a deep tree is matched in linear time', () => {
    // Five `**` runs: the ignore package's RegExp takes about 79 s per path 100 folders deep
    // (the test's timeout is the failure); gitignoreGlobs hands such a file to LinearGlobs.
    fs.writeFileSync(path.join(ws, '.gitignore'), '*.log\n**/x/**/x/**/x/**/x/**/x/**/q\n');
    const deep = path.join(ws, ...Array<string>(100).fill('x'));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'q'), 'ignored\n');
    fs.writeFileSync(path.join(deep, 'z'), 'kept\n');
    fs.writeFileSync(path.join(deep, 'build.log'), 'ignored\n');
    const { files } = walk([ws], ws);
    const inDeep = files.filter((f) => f.startsWith('x/')).map((f) => path.posix.basename(f));
    assert.deepEqual(inDeep, ['z']);
  });
});
