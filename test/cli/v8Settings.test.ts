import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { v8Flags, withAuditV8Settings } from '../../cli/v8Settings';
import { INTERRUPT_BUDGET, V8_DEFAULTS_ENV } from '../../workspace/runtime/v8Release';
import { CLI } from './cliHarness';

describe('V8 settings for CLI runs (cli/v8Settings.ts)', () => {
  const node20 = '11.3.244.8-node.33';

  it('raises the interrupt budget at start, holds the young generation and slows the growth of the old one once an audit begins, on the V8 they were measured on', () => {
    assert.deepEqual(v8Flags('start', node20, {}), [`--interrupt-budget=${INTERRUPT_BUDGET}`, '--no-turbo-inlining']);
    assert.deepEqual(v8Flags('audit', node20, {}), [
      '--semi-space-growth-factor=1',
      '--min-semi-space-size=2',
      '--heap-growing-percent=30',
    ]);
    assert.deepEqual(
      v8Flags('audit-done', node20, {}),
      ['--semi-space-growth-factor=2', '--min-semi-space-size=0', '--heap-growing-percent=0'],
      "V8's default again (the code cache is checked against it)",
    );
  });

  it('leaves another V8 release alone: the flags may be named or weighed differently there', () => {
    for (const version of ['12.4.254.21-node.33', '10.2.154.26-node.36', 'not a version']) {
      assert.deepEqual(v8Flags('start', version, {}), [], version);
      assert.deepEqual(v8Flags('audit', version, {}), [], version);
      assert.deepEqual(v8Flags('audit-done', version, {}), [], version);
    }
  });

  it('keeps V8 defaults when asked to', () => {
    assert.deepEqual(v8Flags('start', node20, { [V8_DEFAULTS_ENV]: '1' }), []);
    assert.deepEqual(v8Flags('audit', node20, { [V8_DEFAULTS_ENV]: '1' }), []);
  });

  // Node's own modules come from a code cache V8 takes only under the flags it was made with: one
  // first loaded after the launcher sets its flags is compiled from source (2-3x the time).
  it('has the CLI load, before its flags are set, the parts of Node a warm audit with piped output needs later', function () {
    if (!v8Flags('start', process.versions.v8, {}).length) this.skip(); // another V8: no flags set
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-flags-'));
    fs.writeFileSync(path.join(dir, 'a.env'), 'NAME=value\n');
    const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-flags-cache-')), 'cache.txt');
    // Prints, at exit, the builtin modules loaded after the first flag was set.
    const probe = path.join(dir, '..', `${path.basename(dir)}-probe.js`);
    fs.writeFileSync(
      probe,
      `const v8 = require('node:v8'); const set = v8.setFlagsFromString; let mark;
v8.setFlagsFromString = (flag) => { mark ??= process.moduleLoadList.length; set(flag); };
process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded after the flags: ' + JSON.stringify(process.moduleLoadList.slice(mark).filter((m) => m.startsWith('NativeModule ')))));`,
    );
    const args = ['-r', probe, CLI, 'audit', dir, '--format', 'json', '--output', path.join(dir, '..', `${path.basename(dir)}.json`)];
    const audit = () =>
      spawnSync(process.execPath, [...args, '--no-git', '--fail-on', 'never', '--cache-location', cache], {
        encoding: 'utf8',
        env: { ...process.env, [V8_DEFAULTS_ENV]: '' },
      });
    audit();
    const warm = audit();
    const loaded = JSON.parse(/loaded after the flags: (.*)$/m.exec(warm.stderr)?.[1] ?? 'null') as string[] | null;
    assert.ok(loaded, warm.stderr);
    for (const module of ['net', 'tty', 'internal/fs/sync_write_stream', 'internal/util/parse_args/parse_args'])
      assert.ok(!loaded.includes(`NativeModule ${module}`), `${module} loaded after the flags: ${loaded.join(', ')}`);
  });

  describe('held through an audit (withAuditV8Settings)', () => {
    it("sets the audit's flags again when a worker comes up, and V8's own once the audit is over", async () => {
      const applied: string[] = [];
      const listeners = process.listenerCount('worker');
      const worker = new EventEmitter(); // stands for a worker_threads.Worker
      const result = await withAuditV8Settings(
        async () => {
          assert.deepEqual(applied, ['audit']);
          (process as EventEmitter).emit('worker', worker);
          assert.deepEqual(applied, ['audit'], 'not before the worker runs: its isolate may not exist yet');
          worker.emit('online');
          assert.deepEqual(applied, ['audit', 'audit']);
          return 'report';
        },
        (moment) => applied.push(moment),
      );
      assert.equal(result, 'report');
      assert.deepEqual(applied, ['audit', 'audit', 'audit-done']);
      assert.equal(process.listenerCount('worker'), listeners);
      const late = new EventEmitter();
      (process as EventEmitter).emit('worker', late);
      late.emit('online');
      worker.emit('online');
      assert.deepEqual(applied, ['audit', 'audit', 'audit-done'], 'a worker that comes up after the audit changes nothing');
    });

    it("puts V8's own flags back when the audit fails", async () => {
      const applied: string[] = [];
      const listeners = process.listenerCount('worker');
      await assert.rejects(
        withAuditV8Settings(
          () => Promise.reject(new Error('unreadable root')),
          (moment) => applied.push(moment),
        ),
        /unreadable root/,
      );
      assert.deepEqual(applied, ['audit', 'audit-done']);
      assert.equal(process.listenerCount('worker'), listeners);
    });

    it('hears of real worker threads', async () => {
      const applied: string[] = [];
      await withAuditV8Settings(
        async () => {
          const worker = new Worker('0', { eval: true });
          await once(worker, 'online');
          await once(worker, 'exit');
        },
        (moment) => applied.push(moment),
      );
      assert.deepEqual(applied, ['audit', 'audit', 'audit-done']);
    });

    // In a child process: the flags are process-wide. The child starts a worker (with a 4 MB young
    // generation, whose 2 MB semi-space limit is the size the audit's flags start a worker at),
    // waits until it runs, then has both threads keep enough alive through their collections to
    // grow their young generations, and prints the new spaces' capacity before and after.
    type Sizes = { main: { before: number; after: number }; worker: { before: number; after: number } };
    type Probe = 'held' | 'set once' | 'growth held, worker left alone';
    const probed = new Map<Probe, Sizes>();
    const youngGenerations = (probe: Probe): Sizes => {
      const known = probed.get(probe);
      if (known) return known;
      const sizes = JSON.parse(
        execFileSync(process.execPath, ['-e', YOUNG_GENERATION_PROBE, path.join(__dirname, '../../cli/v8Settings.js'), probe], {
          encoding: 'utf8',
          env: { ...process.env, [V8_DEFAULTS_ENV]: '' },
        }),
      ) as Sizes;
      probed.set(probe, sizes);
      return sizes;
    };

    it("keeps the main thread's young generation from growing while a worker runs beside it; the worker's starts at its limit", function () {
      if (!v8Flags('audit', process.versions.v8, {}).length) this.skip(); // another V8: no flags to hold
      const held = youngGenerations('held');
      assert.equal(held.main.after, held.main.before, JSON.stringify(held));
      assert.equal(held.worker.after, held.worker.before, `nothing left to grow: ${JSON.stringify(held)}`);
      const once = youngGenerations('set once'); // the worker grows to its limit there
      assert.equal(held.worker.before, once.worker.after, `at its limit: ${JSON.stringify({ held, once })}`);
    });

    it('needs to: set only when the audit starts, the hold is undone by the worker (V8 resets it for each new isolate)', function () {
      if (!v8Flags('audit', process.versions.v8, {}).length) this.skip();
      const once = youngGenerations('set once');
      assert.ok(once.main.after > once.main.before, JSON.stringify(once));
    });

    // Only where the worker starts is asserted: whether it then grows depends on when its isolate
    // puts the growth factor back (see above) against when it allocates, and under load it
    // sometimes grew (5 of 17 runs at load 6-8): a race, not the claim.
    it("needs to: with the growth held but no minimum size, the worker's young generation starts below its limit", function () {
      if (!v8Flags('audit', process.versions.v8, {}).length) this.skip();
      const alone = youngGenerations('growth held, worker left alone');
      const held = youngGenerations('held');
      assert.ok(alone.worker.before < held.worker.before, JSON.stringify({ alone, held }));
    });

    // Also in a child process: ~20 MB kept alive (an engine's rules), then 300 texts of 256 KB
    // (large objects) each read through and outliving a young collection during its "scan", as a
    // large file's text does; the peak of old space and large objects is printed.
    const oldGenerationPeakMb = (mode: 'held' | 'plain'): number =>
      (
        JSON.parse(
          execFileSync(process.execPath, ['-e', OLD_GENERATION_PROBE, path.join(__dirname, '../../cli/v8Settings.js'), mode], {
            encoding: 'utf8',
            env: { ...process.env, [V8_DEFAULTS_ENV]: '' },
          }),
        ) as { peakMb: number }
      ).peakMb;

    it("collects the dead texts of large files sooner than V8's own growth of the old generation would", function () {
      if (!v8Flags('audit', process.versions.v8, {}).length) this.skip();
      const held = oldGenerationPeakMb('held');
      const plain = oldGenerationPeakMb('plain');
      assert.ok(held <= 64, `old generation peaked at ${held} MB with the audit's growth (~20 MB live)`);
      assert.ok(held + 16 <= plain, `held ${held} MB against ${plain} MB with V8's own growth`);
    });
  });
});

const YOUNG_GENERATION_PROBE = `
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');
const settings = require(process.argv[1]);
const THREAD = \`
  const v8 = require('node:v8');
  const { parentPort } = require('node:worker_threads');
  const capacity = () => { const s = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space'); return s.space_used_size + s.space_available_size; };
  const before = capacity();
  parentPort.once('message', () => {
    const kept = [];
    for (let i = 0; i < 1000000; i++) { kept.push({ i, text: 'x' + i }); if (kept.length > 100000) kept.length = 0; }
    parentPort.postMessage({ before, after: capacity() });
  });
\`;
const capacity = () => { const s = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space'); return s.space_used_size + s.space_available_size; };
async function probe() {
  // A few collections first: V8 commits the second semi-space at the first one (not growth).
  let garbage;
  for (let i = 0; i < 100000; i++) garbage = { i, text: 'x' + i };
  const worker = new Worker(THREAD, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  await new Promise((resolve) => worker.once('online', resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const before = capacity();
  const kept = [];
  for (let i = 0; i < 3000000; i++) {
    kept.push({ i, text: 'x' + i });
    if (kept.length > 200000) kept.length = 0;
  }
  const after = capacity();
  worker.postMessage('grow');
  const inWorker = await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  return { main: { before, after }, worker: inWorker, garbage: !!garbage };
}
const growthOnly = (moment) => v8.setFlagsFromString('--semi-space-growth-factor=' + (moment === 'audit' ? 1 : 2));
const run = process.argv[2] === 'held'
  ? settings.withAuditV8Settings(probe)
  : process.argv[2] === 'set once'
    ? (settings.applyV8Settings('audit'), probe())
    : settings.withAuditV8Settings(probe, growthOnly);
run.then((sizes) => process.stdout.write(JSON.stringify(sizes)));
`;

const OLD_GENERATION_PROBE = `
const v8 = require('node:v8');
const settings = require(process.argv[1]);
const oldGeneration = () =>
  v8.getHeapSpaceStatistics().filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space').reduce((n, s) => n + s.space_size, 0);
async function churn() {
  const live = Array.from({ length: 20 * 1024 }, (_, i) => Buffer.alloc(1000, i % 251).toString('latin1'));
  const bytes = Buffer.alloc(256 * 1024, 'let x = 1;\\n');
  let peak = 0;
  for (let i = 0; i < 300; i++) {
    bytes[0] = 97 + (i % 26);
    const text = bytes.toString('latin1');
    let sum = 0;
    for (let pass = 0; pass < 8; pass++) for (let k = 0; k < text.length; k++) sum += text.charCodeAt(k);
    const scan = [];
    for (let j = 0; j < 60000; j++) scan.push({ j, sum });
    await null;
    peak = Math.max(peak, oldGeneration());
  }
  return { peakMb: Math.round(peak / 1048576), kept: live.length };
}
// Only the old generation's flag: the young generation's hold is probed above.
const growthOnly = (moment) => {
  for (const flag of settings.v8Flags(moment, process.versions.v8, {})) if (flag.startsWith('--heap-growing-percent')) v8.setFlagsFromString(flag);
};
const run = process.argv[2] === 'held' ? settings.withAuditV8Settings(churn, growthOnly) : churn();
run.then((result) => process.stdout.write(JSON.stringify(result)));
`;
