import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO } from './cliHarness';

/**
 * `npx nhi-lens audit` runs the package's bin from node_modules/.bin, a link to the file named
 * in package.json: this packs the package as npm publishes it, unpacks it away from the
 * repository (no node_modules to fall back on, no registry) and runs that bin.
 */
describe('the npm package (npx nhi-lens)', function () {
  this.timeout(180_000);
  let unpacked: string;
  let bin: string;

  before(function () {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-pack-'));
    // dist/ is built before the tests (npm test's pretest); a real `npm pack` builds it (prepack).
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: REPO, encoding: 'utf8' });
    if (packed.error) this.skip(); // npm is not on PATH here
    assert.equal(packed.status, 0, packed.stderr);
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    execFileSync('tar', ['xzf', path.join(out, path.basename(filename))], { cwd: out });
    unpacked = path.join(out, 'package');
    // What npm does on install: node_modules/.bin/nhi-lens links to the bin file.
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      engines: Record<string, string>;
    };
    const binDir = path.join(out, 'node_modules', '.bin');
    fs.mkdirSync(binDir, { recursive: true });
    bin = path.join(binDir, 'nhi-lens');
    fs.symlinkSync(path.join(unpacked, manifest.bin['nhi-lens']), bin);
    fs.chmodSync(path.join(unpacked, manifest.bin['nhi-lens']), 0o755);
  });

  /** Runs the installed bin through its shebang, with this Node first on PATH and no NODE_PATH. */
  const runBin = (args: string[], cwd: string) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      NO_COLOR: '1',
    };
    delete env.NODE_PATH;
    return spawnSync(bin, args, { cwd, encoding: 'utf8', env });
  };

  it('holds the CLI bundle and what it loads, declares bin and engines, and nothing else', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else files.push(path.relative(unpacked, path.join(dir, e.name)).split(path.sep).join('/'));
    };
    walk(unpacked);
    assert.deepEqual(files.sort(), [
      'LICENSE',
      'README.md',
      'dist/builtin-rules.json',
      'dist/cli.js',
      'dist/cliMain.js',
      'dist/iam-actions.json',
      'dist/re2js.js',
      'dist/scanWorker.js',
      'dist/vendor/ajv.js',
      'dist/vendor/aws4.js',
      'dist/vendor/diff.js',
      'dist/vendor/octokit.js',
      'dist/vendor/yaml.js',
      'package.json',
      'rules/config.schema.json',
      'rules/schema.json',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      engines: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    assert.equal(manifest.bin['nhi-lens'], './dist/cli.js');
    // The bundles carry everything they run: npx must download the package and nothing else.
    assert.deepEqual(manifest.dependencies ?? {}, {});
    assert.equal(manifest.engines.node, '>=20');
    assert.match(fs.readFileSync(path.join(unpacked, 'dist', 'cli.js'), 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node$/);
  });

  it('npx nhi-lens audit: the unpacked bin finds what the repository build finds, with no dependency installed', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-npx-ws-'));
    fs.cpSync(path.join(REPO, 'examples', 'workspace'), ws, { recursive: true });
    const run = runBin(['audit', '.', '--format', 'json', '--fail-on', 'never', '--no-git'], ws);
    assert.equal(run.status, 0, run.stderr);
    const packaged = JSON.parse(run.stdout) as { summary: { total: number }; findings: Array<{ fingerprint: string }> };
    const local = spawnSync(process.execPath, [CLI, 'audit', '.', '--format', 'json', '--fail-on', 'never', '--no-git'], {
      cwd: ws,
      encoding: 'utf8',
    });
    const fromRepo = JSON.parse(local.stdout) as { summary: { total: number }; findings: Array<{ fingerprint: string }> };
    assert.ok(packaged.summary.total > 0);
    assert.deepEqual(
      packaged.findings.map((f) => f.fingerprint),
      fromRepo.findings.map((f) => f.fingerprint),
    );
    assert.equal(runBin(['--version'], ws).stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  it('a tree large enough for worker threads: the packaged scan worker runs', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-npx-big-'));
    const slack = ['xoxb', '2741093856', '4820193746512', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('-');
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(ws, `f${i}.py`), i === 150 ? `T = "${slack}"\n` : `x = ${i}\n`);
    const run = runBin(['audit', '.', '--jobs', '2', '--format', 'json', '--fail-on', 'never', '--no-git'], ws);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { summary: { filesScanned: number }; findings: Array<{ path: string }> };
    assert.equal(report.summary.filesScanned, 300);
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['f150.py'],
    );
  });
  it('a workspace rule runs from the package on its linear-time engine (dist/re2js.js), in the scan workers too', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-npx-rule-'));
    for (let i = 0; i < 300; i++)
      fs.writeFileSync(path.join(ws, `f${i}.py`), i === 42 ? 'T = "acme_q8zr3lm0pd5xv2kc7hs1ty4u"\n' : `x = ${i}\n`);
    fs.writeFileSync(
      path.join(ws, '.nhi-lens.yaml'),
      [
        'rules:',
        '  - id: acme-internal-token',
        '    title: ACME internal service token',
        '    category: secret',
        '    severity: error',
        '    description: Token for the ACME service mesh.',
        '    remediation: Rotate it.',
        '    keywords: [acme_]',
        "    pattern: '(?<![A-Za-z0-9_])(?<secret>acme_[a-z0-9]+)(?![a-z0-9])'",
        '    examples: { positive: [\'t = "acme_q8zr3lm0pd5xv2kc7hs1ty4u"\'], negative: [\'t = "acme"\'] }',
        '',
      ].join('\n'),
    );
    const run = runBin(['audit', '.', '--jobs', '2', '--format', 'json', '--fail-on', 'never', '--no-git'], ws);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: Array<{ path: string; ruleId: string }> };
    assert.deepEqual(
      report.findings.filter((f) => f.path.endsWith('.py')).map((f) => `${f.ruleId} ${f.path}`),
      ['acme-internal-token f42.py'],
    );
  });
});
