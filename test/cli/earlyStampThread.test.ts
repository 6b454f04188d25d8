import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditWorkspace } from '../../app/auditWorkspace';
import {
  cpuPressure,
  runningThreads,
  startEarlyStampThread,
  takeEarlyStampThread,
  wantsEarlyStampThread,
  type EarlyStampProbe,
} from '../../cli/earlyStampThread';
import { loadWorkspaceConfig } from '../../workspace/config/configFile';
import type { StampJob } from '../../workspace/scan/stampPrefetch';
import { copyOfExampleWorkspace, runCliAsync } from './cliHarness';

/** A machine of `cores` cores with `running` threads runnable, where only `files` exist, and the default cache folder when `folder`. */
function probe(over: Partial<EarlyStampProbe> & { files?: string[]; folder?: boolean } = {}): EarlyStampProbe {
  const files = over.files ?? ['/tmp/c.txt'];
  return {
    cores: over.cores ?? 2,
    running: over.running ?? (() => 1),
    cpuPressure: over.cpuPressure ?? (() => 0.5),
    isFile: (file) => files.includes(file),
    isFolder: () => over.folder ?? true,
    defaultCacheFolder: () => '/home/u/.cache/nhi-lens/audit',
  };
}

/** With NHI_LENS_STAMP_THREAD=auto unless said otherwise. */
const wants = (args: string[], p: EarlyStampProbe, mode: string | undefined = 'auto') => wantsEarlyStampThread(args, p, mode);

/** A fake Slack bot token assembled at run time (never a real one, never in the source whole). */
const slackToken = () => ['xo', 'xb-', '2741093856-', '4820193746577-', 'Qz7Lm2Vx9Kc4Rt8Wb1Yn5Hs3'].join('');

describe('early stamp thread: when the launcher starts one', () => {
  it('for an audit or inventory with --cache-location naming an existing file, or --cache with its folder, a core free', () => {
    assert.equal(wants(['audit', '.', '--cache-location', '/tmp/c.txt'], probe()), true);
    assert.equal(wants(['audit', '--cache-location=/tmp/c.txt', '.'], probe()), true);
    assert.equal(wants(['inventory', '--cache'], probe()), true);
    assert.equal(wants(['audit', '--cache', '--jobs', '1'], probe({ running: () => 2 })), true);
    assert.equal(wants(['audit', '--cache'], probe({ running: () => undefined })), true);
  });

  it('not without a cache to read: no cache option, a missing file, no cache folder yet, an empty name', () => {
    assert.equal(wants(['audit', '.'], probe()), false);
    assert.equal(wants(['audit', '--cache-location', '/tmp/other.txt'], probe()), false);
    assert.equal(wants(['audit', '--cache-location'], probe()), false);
    assert.equal(wants(['audit', '--cache-location='], probe()), false);
    assert.equal(wants(['audit', '--cache'], probe({ folder: false })), false);
    // After `--`, a name is a target, not an option.
    assert.equal(wants(['audit', '--', '--cache'], probe()), false);
  });

  it('not for other commands, one thread asked for, changed or staged files only, or a baseline being written', () => {
    for (const command of ['fix', 'rules', 'version', 'help', 'install-hook'])
      assert.equal(wants([command, '--cache-location', '/tmp/c.txt'], probe()), false, command);
    for (const extra of [
      ['--jobs', '0'],
      ['-j', '0'],
      ['--jobs=0'],
      ['-j0'],
      ['--diff', 'main'],
      ['--diff=main'],
      ['--staged'],
      ['--write-baseline'],
    ])
      assert.equal(wants(['audit', '--cache-location', '/tmp/c.txt', ...extra], probe()), false, extra.join(' '));
    assert.equal(wants(['audit', '--cache-location', '/tmp/c.txt', '--jobs', '10'], probe()), true);
  });

  it('not on one core, nor when the other threads running fill every core', () => {
    assert.equal(wants(['audit', '--cache'], probe({ cores: 1 })), false);
    assert.equal(wants(['audit', '--cache'], probe({ running: () => 3 })), false);
    assert.equal(wants(['audit', '--cache'], probe({ cores: 4, running: () => 4 })), true);
    assert.equal(wants(['audit', '--cache'], probe({ cores: 4, running: () => 5 })), false);
  });

  it('not when threads have been waiting for a core lately (CPU pressure), unless it is not known', () => {
    assert.equal(wants(['audit', '--cache'], probe({ cpuPressure: () => 10 })), false);
    assert.equal(wants(['audit', '--cache'], probe({ cpuPressure: () => 47.92 })), false);
    assert.equal(wants(['audit', '--cache'], probe({ cpuPressure: () => 9.99 })), true);
    assert.equal(wants(['audit', '--cache'], probe({ cpuPressure: () => undefined })), true);
    assert.equal(
      cpuPressure(() => 'some avg10=27.95 avg60=36.85 avg300=38.76 total=43498136396\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n'),
      27.95,
    );
    assert.equal(
      cpuPressure(() => 'full avg10=3.00 avg60=0.00 avg300=0.00 total=0\n'),
      undefined,
    );
    assert.equal(
      cpuPressure(() => {
        throw new Error('no PSI in this kernel');
      }),
      undefined,
    );
  });

  it('off unless NHI_LENS_STAMP_THREAD asks: unset, 0 or anything else never; 1 whatever the cores do (still only with a cache to read)', () => {
    for (const mode of [undefined, '0', '', 'yes', 'true'])
      assert.equal(wantsEarlyStampThread(['audit', '--cache'], probe(), mode), false, String(mode));
    assert.equal(wants(['audit', '--cache'], probe({ running: () => 9, cpuPressure: () => 80 }), '1'), true);
    assert.equal(wants(['audit', '--cache'], probe({ folder: false }), '1'), false);
    assert.equal(wants(['audit', '--cache', '--jobs', '0'], probe(), '1'), false);
    assert.equal(wants(['audit', '--cache'], probe({ cores: 1 }), '1'), false);
  });

  it('reads the running-thread count of /proc/loadavg', () => {
    assert.equal(
      runningThreads(() => '1.20 0.90 0.80 3/345 6789\n'),
      3,
    );
    assert.equal(
      runningThreads(() => 'garbage'),
      undefined,
    );
    assert.equal(
      runningThreads(() => {
        throw new Error('no /proc');
      }),
      undefined,
    );
  });
});

describe('early stamp thread: handed from the launcher to the audit', function () {
  this.timeout(60_000);

  it('left for the bundle only when wanted, taken once, and ended when the audit has no job for it', async () => {
    const stash: Record<symbol, unknown> = {};
    startEarlyStampThread(['audit', '.'], probe(), stash, '1');
    assert.equal(takeEarlyStampThread(stash), undefined, 'no cache asked for');
    startEarlyStampThread(['audit', '--cache-location', '/tmp/c.txt'], probe(), stash, undefined);
    assert.equal(takeEarlyStampThread(stash), undefined, 'not asked for');
    startEarlyStampThread(['audit', '--cache-location', '/tmp/c.txt'], probe(), stash, '1');
    const thread = takeEarlyStampThread(stash);
    assert.ok(thread);
    assert.equal(takeEarlyStampThread(stash), undefined, 'taken once');
    const online = await new Promise<boolean>((resolve) => thread.whenOnline(() => resolve(true)));
    assert.equal(online, true);
    thread.unused();
    // Ended: whenOnline never calls back, and a job is not taken by a dead thread's leftovers.
    let called = false;
    thread.whenOnline(() => (called = true));
    assert.equal(called, false);
  });

  it('the audit hands it the job of a warm cache, and calls unused when there is no cache or nothing in it', async () => {
    const root = copyOfExampleWorkspace();
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-early-')), 'cache.txt');
    const { config } = loadWorkspaceConfig(root);
    const calls: string[] = [];
    const thread = (answer: boolean) => ({
      start: (job: StampJob) => {
        calls.push(`start ${job.starts.length > 0}`);
        return answer;
      },
      unused: () => calls.push('unused'),
    });
    const audit = (cache: string | undefined, answer = true) =>
      auditWorkspace({ root, config, baseline: [], jobs: 0, git: false, ...(cache ? { cache } : {}), stampThread: thread(answer) });
    await audit(undefined);
    assert.deepEqual(calls.splice(0), ['unused'], 'no cache asked for');
    await audit(cacheFile);
    assert.deepEqual(calls.splice(0), ['unused'], 'no cache file yet');
    await audit(cacheFile);
    assert.deepEqual(calls.splice(0), ['start true'], 'a warm cache: the job, and the thread kept');
    await audit(cacheFile, false);
    assert.deepEqual(calls.splice(0), ['start true', 'unused'], 'the thread declined (busy cores): ended');
  });
});

describe('early stamp thread: the bundled CLI with the thread forced on', function () {
  this.timeout(120_000);

  it('warm audits report what an audit without the cache does, before and after an edit', async () => {
    const ws = copyOfExampleWorkspace();
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-early-cli-')), 'cache.txt');
    const args = ['audit', '--format', 'json', '--no-git', '--fail-on', 'never'];
    const report = (run: { code: number; stdout: string; stderr: string }) => {
      assert.equal(run.code, 0, run.stderr);
      const parsed = JSON.parse(run.stdout);
      delete parsed.summary.durationMs;
      return parsed as unknown;
    };
    const withThread = (extra: string[]) => runCliAsync([...args, ...extra], ws, { NHI_LENS_STAMP_THREAD: '1' });
    const uncached = report(await runCliAsync(args, ws, {}));
    assert.deepEqual(report(await withThread(['--cache-location', cache])), uncached);
    for (let i = 0; i < 2; i++) {
      const warm = await withThread(['--cache-location', cache]);
      assert.match(warm.stderr, /cache: \d+ files unchanged, 0 scanned/);
      assert.deepEqual(report(warm), uncached);
    }
    fs.appendFileSync(path.join(ws, 'src', 'billing.ts'), `\nconst slack = "${slackToken()}";\n`);
    const changed = await withThread(['--cache-location', cache]);
    assert.match(changed.stderr, /cache: \d+ files unchanged, 1 scanned/);
    assert.deepEqual(report(changed), report(await runCliAsync(args, ws, {})));
  });
});
