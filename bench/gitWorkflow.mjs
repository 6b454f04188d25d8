// node bench/gitWorkflow.mjs (after npm run build): whole-process times of the git workflow
// modes, in a generated repository: the pre-commit check (`audit --staged`) of a typical commit,
// and a full audit that dates committed secrets (one history pass) against the same audit with
// --no-git. Prints medians and the machine load; asserts nothing. NHI_BENCH_CLI=path/to/cli.js
// times another build (e.g. an older commit's) on the same generated repository.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.resolve(process.env.NHI_BENCH_CLI ?? path.join(repo, 'dist', 'cli.js'));
const RUNS = Number(process.env.NHI_BENCH_RUNS ?? 9);
const COMMITS = 300;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-bench-git-'));
const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
git('init', '-q', '-b', 'main');
git('config', 'user.email', 'bench@example.com');
git('config', 'user.name', 'Bench');
// Fake Slack tokens built at run time, so none sits in the source.
const token = (i) =>
  ['xoxb', String(2741093856 + i), String(4820193746512 + i), `Qz7Lm2Vx9Kc4Rt8Wb1Yn${String(i).padStart(4, '0')}`].join('-');
fs.mkdirSync(path.join(dir, 'src'));
// 200 source files; 20 of them get a secret at some point of a 300-commit history.
for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, 'src', `m${i}.py`), `def f${i}():\n    return ${i}\n`);
git('add', '.');
git('commit', '-q', '-m', 'start');
for (let c = 1; c <= COMMITS; c++) {
  const file = path.join(dir, 'src', `m${c % 200}.py`);
  fs.appendFileSync(file, c % 15 === 0 ? `TOKEN_${c} = "${token(c)}"\n` : `x${c} = ${c}\n`);
  git('commit', '-q', '-am', `change ${c}`);
}

function time(args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (run.status === 2) return `not supported by this build: ${run.stderr.trim().split('\n')[0]}`;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return `median ${samples[samples.length >> 1].toFixed(0)} ms (min ${samples[0].toFixed(0)}, max ${samples.at(-1).toFixed(0)})`;
}

console.log(`CLI: ${cli}`);
console.log(
  `load before: ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
// A typical commit: five files edited, one of them adding a secret.
for (let i = 0; i < 5; i++) fs.appendFileSync(path.join(dir, 'src', `m${100 + i}.py`), i === 0 ? `NEW = "${token(9999)}"\n` : `y = ${i}\n`);
git('add', '.');
console.log(`audit --staged, 5 staged files:                 ${time(['audit', '--staged', '--fail-on', 'never'])}`);
git('commit', '-q', '--no-verify', '-m', 'staged');
console.log(`audit (201 files, ${COMMITS} commits), --no-git:        ${time(['audit', '--no-git', '--fail-on', 'never', '--quiet'])}`);
console.log(`audit, secrets dated (one history pass):        ${time(['audit', '--fail-on', 'never', '--quiet'])}`);
console.log(
  `load after: ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
fs.rmSync(dir, { recursive: true, force: true });
