import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const DIST = path.join(REPO, 'dist');
/** The libraries esbuild.mjs bundles apart, in dist/vendor/, for the code that requires them on first use. */
const VENDOR = ['ajv', 'aws4', 'diff', 'octokit', 'yaml'];

/**
 * Runs the CLI bundle's main() in a fresh Node on `argv` and answers which dist/vendor bundles
 * that process loaded, with the CLI's exit code and output.
 */
function vendorLoadedBy(argv: string[], cwd: string): { loaded: string[]; code: number; stdout: string; stderr: string } {
  const script = `
    const cli = require(${JSON.stringify(path.join(DIST, 'cli.js'))});
    cli.main(${JSON.stringify(argv)}).then((code) => {
      const vendor = ${JSON.stringify(path.join(DIST, 'vendor') + path.sep)};
      const loaded = Object.keys(require.cache).filter((f) => f.startsWith(vendor)).map((f) => f.slice(vendor.length)).sort();
      process.stdout.write('\\nLOADED ' + JSON.stringify({ loaded, code }) + '\\n');
    });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(run.status, 0, run.stderr);
  const marker = run.stdout.lastIndexOf('\nLOADED ');
  assert.ok(marker >= 0, run.stdout);
  const { loaded, code } = JSON.parse(run.stdout.slice(marker + '\nLOADED '.length)) as { loaded: string[]; code: number };
  return { loaded, code, stdout: run.stdout.slice(0, marker), stderr: run.stderr };
}

describe('libraries loaded on first use (dist/vendor/)', function () {
  this.timeout(120_000);

  it('each is a bundle of its own, and no entry bundle carries a copy', () => {
    for (const name of VENDOR) assert.ok(fs.statSync(path.join(DIST, 'vendor', `${name}.js`)).size > 0, name);
    for (const bundle of ['cli.js', 'cliMain.js', 'server.js', 'serverMain.js', 'scanWorker.js', 'engine.js']) {
      const text = fs.readFileSync(path.join(DIST, bundle), 'utf8');
      // esbuild marks each bundled source file with a `// node_modules/<package>/...` comment.
      for (const pkg of ['yaml', 'ajv', '@octokit/', 'aws4', 'diff'])
        assert.ok(!text.includes(`// node_modules/${pkg}`), `${bundle} bundles ${pkg}`);
    }
  });

  it('an audit without a config file loads none of them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-lazy-'));
    fs.writeFileSync(path.join(dir, 'app.py'), 'x = 1\n');
    const run = vendorLoadedBy(['audit', '.', '--no-git', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { summary: { filesScanned: number } }).summary.filesScanned, 1);
    assert.deepEqual(run.loaded, []);
  });

  it('a config file loads the YAML parser and the schema validator, and takes effect', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-lazy-'));
    const token = ['ghp', 'Xq7Lm2Vx9Kc4Rt8Wb1Yn5Hs3Jd6Fg0Pa2Ze4'].join('_');
    fs.writeFileSync(path.join(dir, 'app.py'), `TOKEN = "${token}"\n`);
    fs.writeFileSync(path.join(dir, '.nhi-lens.yaml'), 'overrides:\n  generic-secret-assignment:\n    severity: info\n');
    const run = vendorLoadedBy(['audit', '.', '--no-git', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> };
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId}:${f.severity}`),
      ['generic-secret-assignment:info'],
    );
    assert.deepEqual(run.loaded, ['ajv.js', 'yaml.js']);
  });

  it('an invalid config file is still reported through the loaded validator', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-lazy-'));
    fs.writeFileSync(path.join(dir, '.nhi-lens.yaml'), 'overrides: [1, 2\n');
    const run = vendorLoadedBy(['audit', '.', '--no-git', '--fail-on', 'never'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not valid YAML/);
  });
});
