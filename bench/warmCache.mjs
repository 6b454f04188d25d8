// node bench/warmCache.mjs (after npm run build): the warm `--cache` audit against the cold one (issue 13, goal < 10 %), whole
// processes timed by /usr/bin/time (wall, peak RSS) and `perf stat` where it runs (CPU of all threads
// to the microsecond; else /usr/bin/time's 10 ms ticks), the load average printed beside every figure, and the
// floor any sound warm run has on this machine (node's start, one listing per folder, one lstat per file). Prints figures; asserts nothing.
//
// Usage: node bench/warmCache.mjs [cli.js ...]   (default: dist/cli.js; several builds alternate,
// for a before/after in the same minutes)
// Environment: NHI_BENCH_TREE=dir (default bench/.npm-tree, built by bench/corpus.mjs),
// NHI_BENCH_RUNS=n warm runs per round (default 7), NHI_BENCH_COLD_RUNS=n (default 3),
// NHI_BENCH_ROUNDS=n (default 1).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builds = process.argv.slice(2).length ? process.argv.slice(2).map((p) => path.resolve(p)) : [path.join(repo, 'dist/cli.js')];
const tree = path.resolve(process.env.NHI_BENCH_TREE || path.join(repo, 'bench/.npm-tree'));
const warmRuns = Number(process.env.NHI_BENCH_RUNS || 7);
const coldRuns = Number(process.env.NHI_BENCH_COLD_RUNS || 3);
const rounds = Number(process.env.NHI_BENCH_ROUNDS || 1);
if (!fs.existsSync(tree)) {
  console.error(`no tree at ${tree}: run node bench/audit.mjs once (it builds bench/.npm-tree) or set NHI_BENCH_TREE`);
  process.exit(2);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** perf's task-clock (CPU of all threads, to the microsecond) when perf runs here; else /usr/bin/time's 10 ms ticks. */
const perf = spawnSync('perf', ['stat', '-x,', '-e', 'task-clock', process.execPath, '-e', '0'], { encoding: 'utf8' }).status === 0;

/** One audit as `bench/audit.mjs` runs it, timed whole: wall, CPU (user + system, all threads), peak RSS. */
function audit(cli, cacheFile) {
  const node = [process.execPath, cli, 'audit', '.', '--format', 'json', '--output', os.devNull];
  node.push('--no-gitignore', '--no-git', '--fail-on', 'never', '--quiet', '--cache-location', cacheFile);
  const timed = ['-f', '%e %U %S %M', ...(perf ? ['perf', 'stat', '-x,', '-e', 'task-clock'] : []), ...node];
  const run = spawnSync('/usr/bin/time', timed, { cwd: tree, encoding: 'utf8' });
  const lines = run.stderr.trim().split('\n');
  const [wall, user, sys, rssKb] = lines.pop().split(' ').map(Number);
  if (run.status !== 0 || !Number.isFinite(wall)) throw new Error(`audit failed (${run.status}): ${run.stderr.slice(-500)}`);
  const taskClock = perf ? Number(lines.find((l) => l.includes('task-clock'))?.split(',')[0]) / 1000 : NaN;
  return { wall, cpu: perf ? taskClock : user + sys, rssMb: rssKb / 1024 };
}

/** `node -e 0`, timed like an audit. */
function nodeItself() {
  const timed = ['-f', '%e %U %S %M', ...(perf ? ['perf', 'stat', '-x,', '-e', 'task-clock'] : []), process.execPath, '-e', '0'];
  const run = spawnSync('/usr/bin/time', timed, { encoding: 'utf8' });
  const lines = run.stderr.trim().split('\n');
  const [wall, user, sys] = lines.pop().split(' ').map(Number);
  const taskClock = perf ? Number(lines.find((l) => l.includes('task-clock'))?.split(',')[0]) / 1000 : NaN;
  return { wall, cpu: perf ? taskClock : user + sys };
}

/**
 * The least any warm run has to do, as a node process timed like an audit: start node, read the
 * cache file, list every folder and `lstat` every file (a file edited in place changes only its
 * own stamp, not its folder's, so no sound cache can skip that). Set beside the cold run, it says
 * how low the warm / cold ratio can go on this machine and tree.
 */
const FLOOR_SCRIPT = `
const fs = require('node:fs');
const [tree, cache] = process.argv.slice(1);
fs.readFileSync(cache);
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = dir + '/' + entry.name;
    if (entry.isDirectory()) walk(full);
    else fs.lstatSync(full);
  }
};
walk(tree);
`;
function floor(cacheFile) {
  const timed = ['-f', '%e %U %S %M', ...(perf ? ['perf', 'stat', '-x,', '-e', 'task-clock'] : [])];
  const run = spawnSync('/usr/bin/time', [...timed, process.execPath, '-e', FLOOR_SCRIPT, tree, cacheFile], { encoding: 'utf8' });
  const lines = run.stderr.trim().split('\n');
  const [wall, user, sys] = lines.pop().split(' ').map(Number);
  if (run.status !== 0 || !Number.isFinite(wall)) throw new Error(`floor run failed (${run.status}): ${run.stderr.slice(-500)}`);
  const taskClock = perf ? Number(lines.find((l) => l.includes('task-clock'))?.split(',')[0]) / 1000 : NaN;
  return { wall, cpu: perf ? taskClock : user + sys };
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-warm-'));
try {
  console.log(`tree ${tree}; ${os.cpus().length} cores; node ${process.version}`);
  // Node itself, for scale: with NODE_EXTRA_CA_CERTS set (as in some sandboxes and corporate
  // networks), node reads and parses that CA bundle at every start, before any of our code runs.
  const bare = [];
  for (let n = 0; n < 5; n++) bare.push(nodeItself());
  console.log(
    `node itself (node -e 0, median of 5): ${(median(bare.map((r) => r.wall)) * 1000).toFixed(0)} ms wall, ` +
      `${(median(bare.map((r) => r.cpu)) * 1000).toFixed(0)} ms CPU; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'not set'}`,
  );
  for (let round = 1; round <= rounds; round++) {
    for (const [i, cli] of builds.entries()) {
      const cacheFile = path.join(folder, `cache-${i}.txt`);
      const loadBefore = load();
      const cold = [];
      for (let n = 0; n < coldRuns; n++) {
        fs.rmSync(cacheFile, { force: true });
        cold.push(audit(cli, cacheFile));
      }
      audit(cli, cacheFile); // priming: the first warm run after a cold one also rewrites mtimes it confirmed
      const warm = [];
      for (let n = 0; n < warmRuns; n++) warm.push(audit(cli, cacheFile));
      const pick = (list, field) => median(list.map((r) => r[field]));
      const [cw, cc, ww, wc] = [pick(cold, 'wall'), pick(cold, 'cpu'), pick(warm, 'wall'), pick(warm, 'cpu')];
      console.log(
        `round ${round} ${path.relative(process.cwd(), cli) || cli}: load ${loadBefore} -> ${load()}\n` +
          `  cold (median of ${coldRuns}): ${cw.toFixed(2)} s wall, ${cc.toFixed(2)} s CPU, ${pick(cold, 'rssMb').toFixed(0)} MB\n` +
          `  warm (median of ${warmRuns}): ${ww.toFixed(3)} s wall, ${wc.toFixed(3)} s CPU, ${pick(warm, 'rssMb').toFixed(0)} MB; ` +
          `lowest ${Math.min(...warm.map((r) => r.wall)).toFixed(3)} s wall, ${Math.min(...warm.map((r) => r.cpu)).toFixed(3)} s CPU\n` +
          `  warm / cold: ${((ww / cw) * 100).toFixed(1)} % wall, ${((wc / cc) * 100).toFixed(1)} % CPU; ` +
          `cache file ${(fs.statSync(cacheFile).size / 1048576).toFixed(2)} MB`,
      );
      const least = [];
      for (let n = 0; n < warmRuns; n++) least.push(floor(cacheFile));
      const [fw, fc] = [median(least.map((r) => r.wall)), median(least.map((r) => r.cpu))];
      console.log(
        `  floor (node, read the cache file, list every folder, lstat every file; median of ${warmRuns}): ` +
          `${(fw * 1000).toFixed(0)} ms wall, ${(fc * 1000).toFixed(0)} ms CPU: ${((fw / cw) * 100).toFixed(1)} % of the cold wall, ` +
          `${((fc / cc) * 100).toFixed(1)} % of its CPU`,
      );
    }
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
