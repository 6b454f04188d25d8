import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditWorkspace } from '../../app/auditWorkspace';
import { loadWorkspaceConfig } from '../../workspace/config/configFile';
import type { ListedFile, WalkedFile } from '../../workspace/files/fileWalker';
import { callerShare, defaultWorkerCount, lateWorkerWorthIt, lookUpQueued, type AuditProgress } from '../../workspace/scan/scanPool';
import { loadBuiltinRules } from '../../workspace/rules/ruleFiles';
import { REPO } from '../cli/cliHarness';

/** A line with a secret: the GitHub token rule's own first example (a value that passes its checksum). */
function exampleSecretLine(): string {
  const rule = loadBuiltinRules().find((r) => r.definition.id === 'github-pat-classic')!;
  const example = rule.definition.examples.positive[0];
  return typeof example === 'string' ? example : example.text;
}

/** The example workspace copied `copies` times into one tree: every kind of file, enough of them for worker threads. */
function bigWorkspace(copies: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-pool-'));
  for (let i = 0; i < copies; i++) fs.cpSync(path.join(REPO, 'examples', 'workspace'), path.join(dir, `copy-${i}`), { recursive: true });
  return dir;
}

describe('audit scan pool (streamed walk, calling thread and workers)', function () {
  this.timeout(120_000);

  it('worker threads and the calling thread alone give the same report', async () => {
    const root = bigWorkspace(12);
    const { config } = loadWorkspaceConfig(root);
    const run = (jobs: number) => auditWorkspace({ root, config, baseline: [], jobs, git: false });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const alone = (await run(0)).report;
    const pooled = (await run(2)).report;
    assert.ok(alone.filesScanned > 200, 'enough files to start workers');
    assert.deepEqual(json(pooled.findings), json(alone.findings));
    assert.deepEqual(json(pooled.skipped), json(alone.skipped));
    assert.deepEqual(json(pooled.inventory), json(alone.inventory));
    assert.equal(pooled.bytesScanned, alone.bytesScanned);
    assert.equal(alone.findings.filter((f) => f.ruleId === 'stripe-secret-key').length, 12);
  });

  it('progress says when the walk has listed every file, and ends at the total', async () => {
    const root = bigWorkspace(3);
    const { config } = loadWorkspaceConfig(root);
    const seen: AuditProgress[] = [];
    const { run } = await auditWorkspace({ root, config, baseline: [], jobs: 0, git: false, onProgress: (p) => seen.push({ ...p }) });
    const last = seen[seen.length - 1];
    assert.equal(last.listing, false);
    assert.equal(last.filesDone, last.filesTotal);
    assert.equal(last.filesDone, run.filesScanned);
    assert.ok(seen.every((p) => p.filesDone <= p.filesTotal));
    assert.ok(seen.findIndex((p) => !p.listing) >= 0 && seen.slice(seen.findIndex((p) => !p.listing)).every((p) => !p.listing));
  });

  it('large files go to the worker, the calling thread keeps to small ones: same report as one thread', async () => {
    const root = bigWorkspace(12);
    // Large files (over the calling thread's 128 KiB share) with a secret at their very end,
    // among the small ones: whoever scans them, every finding is there once.
    const filler = 'const x = 1; // nothing to see here\n'.repeat(8_000);
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(root, `large-${i}.js`), `${filler}${exampleSecretLine()}\n`);
    const { config } = loadWorkspaceConfig(root);
    const run = (jobs: number) => auditWorkspace({ root, config, baseline: [], jobs, git: false });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const alone = (await run(0)).report;
    const pooled = (await run(1)).report;
    assert.ok(alone.filesScanned > 200, 'enough files to start a worker');
    assert.deepEqual(json(pooled.findings), json(alone.findings));
    assert.deepEqual(json(pooled.skipped), json(alone.skipped));
    assert.equal(pooled.bytesScanned, alone.bytesScanned);
    const large = alone.findings.filter((f) => f.path.startsWith('large-'));
    assert.equal(new Set(large.map((f) => f.path)).size, 6, 'the secret at the end of every large file');
  });

  it('a large file the calling thread took without knowing its size goes to the worker: same report as one thread', async () => {
    // The walk lists LIST_STEP (256) files a turn: the first turn's are looked up (the worker
    // starts after them), the next ones no longer are. The calling thread takes the last ones
    // listed and reads them with its 128 KiB limit, so the walk's files 504-511 (sorted by name:
    // b/f204-b/f211) are read by it first: large ones among them must come back to the worker,
    // secret and all.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-pool-unsized-'));
    const filler = 'const x = 1; // nothing to see here\n'.repeat(8_000);
    for (const folder of ['a', 'b']) {
      fs.mkdirSync(path.join(root, folder));
      for (let i = 0; i < 300; i++) {
        const large = folder === 'b' && i >= 204 && i < 212 && i % 2 === 0;
        const name = path.join(root, folder, `f${String(i).padStart(3, '0')}.js`);
        fs.writeFileSync(name, large ? `${filler}${exampleSecretLine()}\n` : `const n${i} = ${i};\n`);
      }
    }
    const { config } = loadWorkspaceConfig(root);
    const run = (jobs: number) => auditWorkspace({ root, config, baseline: [], jobs, git: false });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const alone = (await run(0)).report;
    const pooled = (await run(1)).report;
    assert.deepEqual(
      alone.findings.map((f) => f.path),
      ['b/f204.js', 'b/f206.js', 'b/f208.js', 'b/f210.js'],
    );
    assert.deepEqual(json(pooled.findings), json(alone.findings));
    assert.deepEqual(json(pooled.skipped), json(alone.skipped));
    assert.equal(pooled.filesScanned, alone.filesScanned);
    assert.equal(pooled.bytesScanned, alone.bytesScanned);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('one thread reads files the walk did not look up: the same report as with their sizes (a cache, workers)', async () => {
    const root = bigWorkspace(12);
    fs.writeFileSync(path.join(root, 'big.env'), `${exampleSecretLine()}\n${'x'.repeat(2048)}\n`);
    fs.writeFileSync(path.join(root, 'blob.env'), Buffer.concat([Buffer.from(`${exampleSecretLine()}\n`), Buffer.from([0, 1, 2, 0])]));
    fs.writeFileSync(path.join(root, 'empty.env'), '');
    const { config } = loadWorkspaceConfig(root);
    const limited = { ...config, limits: { ...config.limits, maxFileBytes: 1024 } };
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-pool-cache-'));
    const run = (jobs: number, cache?: string) => auditWorkspace({ root, config: limited, baseline: [], jobs, git: false, cache });
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    const alone = (await run(0)).report;
    assert.ok(alone.filesScanned > 200);
    assert.deepEqual(
      alone.skipped.filter((s) => s.path.endsWith('.env') && !s.path.includes('/')),
      [
        { path: 'big.env', reason: 'file larger than 1 KiB not scanned' },
        { path: 'blob.env', reason: 'binary file not scanned' },
      ],
    );
    for (const other of [(await run(0, path.join(cacheDir, 'audit.cache'))).report, (await run(1)).report]) {
      assert.deepEqual(json(other.findings), json(alone.findings));
      assert.deepEqual(json(other.skipped), json(alone.skipped));
      assert.equal(other.bytesScanned, alone.bytesScanned);
      assert.equal(other.filesScanned, alone.filesScanned);
    }
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('files queued without their size are looked up (for a late worker, and when the walk ends with workers)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-pool-queue-'));
    const at = (name: string, text?: string) => {
      const absolute = path.join(dir, name);
      if (text !== undefined) fs.writeFileSync(absolute, text);
      return { absolute, relative: name };
    };
    const known = { ...at('known.txt', 'abc'), size: 3, mtimeMs: 1, ctimeMs: 1, ino: 1 };
    const queue: Array<WalkedFile | ListedFile> = [known, at('listed.txt', 'hello'), at('gone.txt'), at('huge.txt', 'x'.repeat(50))];
    const added = lookUpQueued(queue, (f) => (f.size === undefined || f.size > 10 ? 0 : f.size));
    assert.equal(added, 5, 'listed.txt, and huge.txt as no work (over the limit)');
    assert.equal(queue[0], known);
    assert.deepEqual(
      queue.map((f) => f.size),
      [3, 5, undefined, 50],
    );
    assert.equal(queue[1].relative, 'listed.txt');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a worker per core beyond the first, only for cores the machine leaves idle', () => {
    assert.equal(defaultWorkerCount(2, 1), 1, 'the other core idle');
    assert.equal(defaultWorkerCount(2, 0.8), 1);
    assert.equal(defaultWorkerCount(2, 0.6), 0, 'the other core mostly busy');
    assert.equal(defaultWorkerCount(2, 0), 0, 'a busy 2-core machine: the calling thread alone');
    assert.equal(defaultWorkerCount(1, 1), 0);
    assert.equal(defaultWorkerCount(8, 5.5), 5);
    assert.equal(defaultWorkerCount(32, 31), 7, 'at most 7');
  });

  it('once the walk is over, starts a late worker only for enough work left', () => {
    const MiB = 1024 * 1024;
    assert.equal(lateWorkerWorthIt(12 * MiB), false, "the npm tree's last half second: one thread is quicker");
    assert.equal(lateWorkerWorthIt(0), false);
    assert.equal(lateWorkerWorthIt(200 * MiB), true, 'a large tree whose walk ended early: a worker still pays');
  });

  it('while workers run, the calling thread takes small files from the back of the queue, never a large one', () => {
    const KiB = 1024;
    const sizes = (...kib: number[]) => kib.map((k) => ({ size: k * KiB }));
    assert.deepEqual(callerShare(sizes(1, 2, 3)), [2, 1, 0], 'back to front');
    assert.deepEqual(callerShare(sizes(1, 4096, 2, 200)), [2, 0], 'the 4 MB and 200 KB files are left to the workers');
    assert.deepEqual(callerShare(sizes(4096, 200, 129)), [], 'only large files: none (the caller waits for a worker)');
    assert.deepEqual(callerShare(sizes(128)), [0], '128 KiB is still small');
    assert.deepEqual(callerShare(sizes(...Array<number>(20).fill(1))), [19, 18, 17, 16, 15, 14, 13, 12], 'eight files at a time');
    assert.deepEqual(callerShare(sizes(100, 100, 100, 100, 100, 100)), [5, 4, 3, 2, 1], 'at most 512 KiB at a time');
    const farFromTheBack = [...sizes(1), ...sizes(...Array<number>(64).fill(4096))];
    assert.deepEqual(callerShare(farFromTheBack), [], 'small files only among the last 64 (batches take the front)');
    assert.deepEqual(callerShare(sizes(4096, 300, 200), 256 * KiB), [2], 'while it would wait: one file up to the larger limit');
    assert.deepEqual(callerShare(sizes(4096, 300), 256 * KiB), [], 'still not a file over it');
  });

  it('the calling thread also takes files listed without their size: it reads them with its limit, and leaves a larger one to a worker', () => {
    const KiB = 1024;
    const listed = { size: undefined };
    assert.deepEqual(callerShare([{ size: 4096 * KiB }, listed, { size: 1 * KiB }, listed]), [3, 2, 1]);
    assert.deepEqual(callerShare(Array<{ size?: number }>(20).fill(listed)), [19, 18, 17, 16, 15, 14, 13, 12], 'eight at a time');
    const farFromTheBack = [listed, ...Array<{ size?: number }>(64).fill({ size: 4096 * KiB })];
    assert.deepEqual(callerShare(farFromTheBack), [], 'only among the last 64');
  });

  it('an audit cancelled before it starts says so and stops', async () => {
    const root = bigWorkspace(12);
    const { config } = loadWorkspaceConfig(root);
    const controller = new AbortController();
    controller.abort();
    const { run } = await auditWorkspace({ root, config, baseline: [], jobs: 1, git: false, signal: controller.signal });
    assert.equal(run.cancelled, true);
    assert.equal(run.filesScanned, 0);
  });
});
