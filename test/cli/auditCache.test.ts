import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCli, UsageError } from '../../cli/cliOptions';
import { copyOfExampleWorkspace, runCli } from './cliHarness';

describe('nhi-lens audit --cache (bundled CLI)', function () {
  this.timeout(120_000);

  it('a second run reuses every file, says so on stderr and prints the same report', () => {
    const ws = copyOfExampleWorkspace();
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-clicache-')), 'cache.json');
    const args = ['audit', '--format', 'json', '--no-git', '--fail-on', 'never', '--cache-location', cache];
    const first = runCli(args, ws);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /cache: 0 files unchanged, \d+ scanned/);
    const second = runCli(args, ws);
    assert.match(second.stderr, /cache: \d+ files unchanged, 0 scanned/);
    const report = (stdout: string) => {
      const r = JSON.parse(stdout);
      delete r.summary.durationMs;
      return r;
    };
    assert.deepEqual(report(second.stdout), report(first.stdout));
  });

  it('--cache uses the user cache folder; --cache-location names a file; only audit and inventory take them', () => {
    assert.equal(parseCli(['audit', '--cache']).cache, true);
    assert.equal(parseCli(['inventory', '--cache-location', 'c.json']).cache, 'c.json');
    assert.equal(parseCli(['audit']).cache, undefined);
    assert.throws(() => parseCli(['rules', '--cache']), UsageError);
    assert.throws(() => parseCli(['fix', '--cache']), UsageError);
    assert.throws(() => parseCli(['audit', '--cache-location', ' ']), UsageError);
    const ws = copyOfExampleWorkspace();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-xdg-'));
    const run = (extra: string[] = []) =>
      runCliWithEnv(['audit', '--cache', '--no-git', '--quiet', '--fail-on', 'never', ...extra], ws, { XDG_CACHE_HOME: home });
    run();
    const files = fs.readdirSync(path.join(home, 'nhi-lens', 'audit'));
    assert.equal(files.length, 1);
    assert.ok(!fs.readdirSync(ws).some((name) => /cache/i.test(name)), 'nothing is written into the workspace');
  });
});

function runCliWithEnv(args: string[], cwd: string, env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return runCli(args, cwd);
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
