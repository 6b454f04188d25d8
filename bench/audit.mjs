// npm run bench:audit (also part of npm run bench): the audit as users meet it, on the tree of
// issue 13 (pinned npm packages as an application installs them, 200 planted key files):
// the CLI process against secretlint on the same tree in the same run, MB/s of scanned text,
// CPU use (both cores?), peak RSS, start-up, cold and warm cache, and the time per MB on trees of
// 10 MB, 100 MB and 1 GB (the corpus replicated by hard links into a temporary folder). Prints
// figures; asserts nothing. Whole processes are timed; the machine's load is printed with them.
//
// Environment: NHI_BENCH_CLI=path/to/cli.js times another build (e.g. an older one, for a
// before/after); NHI_BENCH_NPM_TREE=dir keeps the corpus elsewhere; NHI_BENCH_SCALE=10,100,1000
// chooses the scaling sizes in MB; NHI_BENCH_RUNS=n repeats the timed runs (median; default 3);
// NHI_BENCH_SECRETLINT_RUNS=n the secretlint runs (default 1: it takes minutes); 0 skips it;
// NHI_BENCH_CACHE=0 skips the cache runs (a build without --cache).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NPM_TREE, ensureCorpus } from './corpus.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLOCK_TICK = 100; // USER_HZ of /proc/<pid>/stat on Linux

/** Runs a command to its end, sampling its peak resident set (VmHWM) and CPU time (all threads). */
export function measure(command, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb = 0;
    let cpuTicks = 0;
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        // utime and stime, fields 14 and 15 (after the parenthesised name).
        const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
      } catch {
        /* exited between samples */
      }
    };
    const timer = setInterval(sample, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakMb: peakKb / 1024, cpuSeconds: cpuTicks / CLOCK_TICK, code, stderr });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

function treeSize(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += fs.statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Files of a tree in a fixed order, with sizes: what the scaling trees are made of. */
function listFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else if (e.isFile() && !e.name.startsWith('.corpus')) out.push({ relative: r, size: fs.statSync(p).size });
    }
  };
  walk(dir, '');
  return out;
}

/**
 * A tree of about `megabytes` MB made of copies of the corpus (hard links: no disk space, and
 * the same file content in the page cache, as on a machine that has read the tree before).
 */
function scaledTree(corpus, megabytes, into) {
  const files = listFiles(corpus);
  const target = megabytes * 1048576;
  fs.rmSync(into, { recursive: true, force: true });
  let bytes = 0;
  let count = 0;
  const made = new Set();
  for (let copy = 0; bytes < target; copy++) {
    for (const f of files) {
      if (bytes >= target) break;
      const to = path.join(into, `copy-${copy}`, f.relative);
      const dir = path.dirname(to);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      fs.linkSync(path.join(corpus, f.relative), to);
      bytes += f.size;
      count++;
    }
  }
  return { bytes, files: count };
}

const cli = path.resolve(process.env.NHI_BENCH_CLI ?? path.join(repo, 'dist', 'cli.js'));
const runs = Math.max(1, Number(process.env.NHI_BENCH_RUNS ?? 3));

/** One audit by the CLI; its JSON report says how much text it scanned. */
async function audit(target, extra = [], cwd = target) {
  const out = path.join(os.tmpdir(), `nhi-lens-bench-${process.pid}.json`);
  const m = await measure(
    process.execPath,
    [cli, 'audit', target, '--format', 'json', '--output', out, '--no-gitignore', '--no-git', '--fail-on', 'never', '--quiet', ...extra],
    { cwd },
  );
  if (m.code !== 0) throw new Error(`nhi-lens failed (${m.code}): ${m.stderr}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return { ...m, report, scannedMb: report.summary.bytesScanned / 1048576 };
}

/** The median run of `n` (by wall time), with every run's time. */
async function medianOf(n, run) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(await run());
  const mid = median(all.map((r) => r.seconds));
  return { ...all.find((r) => r.seconds === mid), times: all.map((r) => r.seconds) };
}

const row = (cells) => `| ${cells.join(' | ')} |`;

export async function runAuditBench() {
  const corpus = path.resolve(process.env.NHI_BENCH_NPM_TREE ?? path.join(repo, 'bench', '.npm-tree'));
  ensureCorpus(corpus, NPM_TREE);
  const planted = JSON.parse(fs.readFileSync(path.join(corpus, 'planted.json'), 'utf8'));
  const size = treeSize(corpus);
  const mb = size.bytes / 1048576;
  console.log(`\n## Audit of the npm tree (issue 13)\n`);
  console.log(
    `corpus: ${corpus}\n  ${NPM_TREE.packages.join(', ')}\n  ${mb.toFixed(1)} MB in ${size.files} files, ${planted.length} planted secrets`,
  );
  console.log(
    `cli: ${cli}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load before: ${load()}\n`,
  );

  const lines = [
    row(['tool', 'wall (s), median', 'runs (s)', 'CPU (s)', 'CPU / wall', 'MB/s (tree)', 'MB/s (scanned text)', 'peak RSS (MB)', 'recall']),
    row(['---', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const add = (label, r, found) =>
    lines.push(
      row([
        label,
        r.seconds.toFixed(2),
        r.times.map((t) => t.toFixed(2)).join(', '),
        r.cpuSeconds.toFixed(2),
        (r.cpuSeconds / r.seconds).toFixed(2),
        (mb / r.seconds).toFixed(1),
        r.scannedMb ? (r.scannedMb / r.seconds).toFixed(1) : '',
        r.peakMb.toFixed(0),
        `${found}/${planted.length}`,
      ]),
    );
  const recall = (report) => {
    const flagged = new Set(report.findings.map((f) => f.path));
    return planted.filter((p) => flagged.has(p.file)).length;
  };
  const ours = await medianOf(runs, () => audit('.', [], corpus));
  add('nhi-lens (default threads)', ours, recall(ours.report));
  const single = await medianOf(runs, () => audit('.', ['--jobs', '0'], corpus));
  add('nhi-lens --jobs 0 (one thread)', single, recall(single.report));
  let theirs;
  const secretlintRuns = Number(process.env.NHI_BENCH_SECRETLINT_RUNS ?? 1);
  if (secretlintRuns > 0) {
    const rc = path.join(os.tmpdir(), `secretlintrc-${process.pid}.json`);
    fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const out = path.join(os.tmpdir(), `secretlint-${process.pid}.json`);
    const bin = path.join(repo, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
    theirs = await medianOf(secretlintRuns, () =>
      measure(process.execPath, [bin, '**/*', '--secretlintrc', rc, '--format', 'json', '--output', out, '--no-color'], { cwd: corpus }),
    );
    let report = [];
    try {
      report = JSON.parse(fs.readFileSync(out, 'utf8') || '[]');
    } catch {
      /* no output */
    }
    const flagged = new Set(
      report.filter((r) => r.messages?.length).map((r) => path.relative(corpus, r.filePath).split(path.sep).join('/')),
    );
    add('secretlint (recommended preset)', theirs, planted.filter((p) => flagged.has(p.file)).length);
  }
  console.log(lines.join('\n'));
  if (theirs) console.log(`\nsecretlint / nhi-lens wall time: ${(theirs.seconds / ours.seconds).toFixed(1)}x`);
  console.log(`scanned text: ${ours.scannedMb.toFixed(1)} MB of ${mb.toFixed(1)} MB (the rest: binary, too large, ignored)`);

  // Start-up: an audit of an empty folder (bundle load, rule compilation, walk, report).
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-empty-'));
  const startups = [];
  for (let i = 0; i < 10; i++)
    startups.push(await measure(process.execPath, [cli, 'audit', '.', '--no-git', '--quiet', '--fail-on', 'never'], { cwd: empty }));
  const bare = [];
  for (let i = 0; i < 10; i++) bare.push(await measure(process.execPath, ['-e', '0']));
  console.log(
    `\nstart-up (audit of an empty folder, median of 10): ${(median(startups.map((s) => s.seconds)) * 1000).toFixed(0)} ms wall, ` +
      `${(median(startups.map((s) => s.cpuSeconds)) * 1000).toFixed(0)} ms CPU, ${median(startups.map((s) => s.peakMb)).toFixed(0)} MB; ` +
      `node itself (node -e 0): ${(median(bare.map((s) => s.seconds)) * 1000).toFixed(0)} ms`,
  );

  if (process.env.NHI_BENCH_CACHE !== '0') await cacheRuns(corpus, ours);
  await scalingRuns(corpus);
  console.log(`\nload after: ${load()}`);
}

/** Cold and warm cache: the first audit with an empty cache, then audits of the unchanged tree. */
async function cacheRuns(corpus, ours) {
  const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-cache-')), 'cache.json');
  const cold = await audit('.', ['--cache-location', cacheFile], corpus);
  const warm = await medianOf(runs, () => audit('.', ['--cache-location', cacheFile], corpus));
  console.log(
    `cache: cold ${cold.seconds.toFixed(2)} s (${cold.cpuSeconds.toFixed(2)} s CPU, ${cold.peakMb.toFixed(0)} MB), ` +
      `warm ${warm.seconds.toFixed(2)} s median of ${runs} (${warm.cpuSeconds.toFixed(2)} s CPU, ${warm.peakMb.toFixed(0)} MB): ` +
      `${((warm.seconds / cold.seconds) * 100).toFixed(0)}% of cold, ${((warm.seconds / ours.seconds) * 100).toFixed(0)}% of an uncached run; ` +
      `cache file ${(fs.statSync(cacheFile).size / 1048576).toFixed(1)} MB`,
  );
  fs.rmSync(path.dirname(cacheFile), { recursive: true, force: true });
}

/** The time per MB as the tree grows. */
async function scalingRuns(corpus) {
  const sizes = (process.env.NHI_BENCH_SCALE ?? '10,100,1000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const scale = [
    row([
      'tree',
      'files',
      'scanned text',
      'wall (s)',
      'CPU / wall',
      's per 100 MB',
      'MB/s (tree)',
      'MB/s (scanned text)',
      'peak RSS (MB)',
      'load before',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-scale-'));
  try {
    for (const target of sizes) {
      const dir = path.join(scratch, `${target}mb`);
      const tree = scaledTree(corpus, target, dir);
      const before = load();
      const r = await audit(dir, [], dir);
      const treeMb = tree.bytes / 1048576;
      scale.push(
        row([
          `${treeMb.toFixed(0)} MB`,
          tree.files,
          `${r.scannedMb.toFixed(0)} MB`,
          r.seconds.toFixed(2),
          (r.cpuSeconds / r.seconds).toFixed(2),
          ((r.seconds / treeMb) * 100).toFixed(2),
          (treeMb / r.seconds).toFixed(1),
          (r.scannedMb / r.seconds).toFixed(1),
          r.peakMb.toFixed(0),
          before,
        ]),
      );
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\nscaling (copies of the corpus, one run each):\n${scale.join('\n')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runAuditBench();
