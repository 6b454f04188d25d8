// npm run bench:memory: peak resident memory and time of `nhi-lens audit` on the 50,000-file tree
// of bench/bigTree.mjs (about 66,000 findings), in every report format and with the findings cap
// lifted. Peak RSS is the kernel's maximum resident set size of the process (GNU time -v), or
// sampled from /proc when GNU time is missing. Prints figures; asserts nothing.
//   node bench/memory.mjs [--cli dist/cli.js] [--tree DIR] [--runs 3]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBigTree } from './bigTree.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    cli: { type: 'string', default: path.join(repo, 'dist', 'cli.js') },
    tree: { type: 'string', default: path.join(repo, 'bench', '.big-tree') },
    runs: { type: 'string', default: '3' },
  },
});
const tree = path.resolve(values.tree);
ensureBigTree(tree);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-memory-'));
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = fs.existsSync(GNU_TIME);

/** Runs the command; resolves its wall time and peak RSS in MB. */
function measure(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const command = hasGnuTime ? GNU_TIME : process.execPath;
    const child = spawn(command, hasGnuTime ? ['-v', process.execPath, ...args] : args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakKb = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const timer = hasGnuTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            /* exited between samples */
          }
        }, 5);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (hasGnuTime) peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
      if (code !== 0) reject(new Error(`exit ${code}: ${stderr.slice(-500)}`));
      else resolve({ seconds, peakMb: peakKb / 1024 });
    });
  });
}

const CASES = [
  ['json', []],
  ['sarif', []],
  ['markdown', []],
  ['html', []],
  ['text', []],
  ['json, every finding listed', ['--max-findings', '1000000'], 'json'],
];
const runs = Number(values.runs);
const rows = [];
for (const [label, extra, format = label] of CASES) {
  const samples = [];
  for (let i = 0; i < runs && !(samples.length === 0 && i > 0); i++) {
    const file = path.join(out, `report.${format}`);
    const args = [
      values.cli,
      'audit',
      tree,
      '--no-gitignore',
      '--no-git',
      '--fail-on',
      'never',
      '--quiet',
      '--format',
      format,
      '--output',
      file,
      ...extra,
    ];
    try {
      samples.push(await measure(args));
    } catch (error) {
      // A CLI from before --max-findings (measuring the old version) refuses the flag.
      console.error(`${label}: ${error.message.split('\n')[0]}`);
      break;
    }
    const size = fs.statSync(file).size;
    samples[i].mb = size / 1048576;
    if (format === 'json') samples[i].findings = JSON.parse(fs.readFileSync(file, 'utf8')).findings.length;
  }
  if (!samples.length) continue;
  const median = (key) => [...samples.map((s) => s[key])].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  rows.push({
    label,
    seconds: median('seconds'),
    peakMb: median('peakMb'),
    maxPeakMb: Math.max(...samples.map((s) => s.peakMb)),
    reportMb: median('mb'),
    listed: samples[0].findings,
  });
}
fs.rmSync(out, { recursive: true, force: true });

const line = (cells) => `| ${cells.join(' | ')} |`;
const all = rows.find((r) => r.label.startsWith('json, every'))?.listed;
console.log(`tree: ${tree} (50,000 files${all ? `, ${all} findings` : ''}); cli: ${values.cli}; ${runs} runs each, medians`);
console.log(line(['format', 'time (s)', 'peak RSS (MB)', 'max of runs (MB)', 'report (MB)', 'findings listed']));
console.log(line(['---', '---:', '---:', '---:', '---:', '---:']));
for (const r of rows)
  console.log(line([r.label, r.seconds.toFixed(2), r.peakMb.toFixed(0), r.maxPeakMb.toFixed(0), r.reportMb.toFixed(1), r.listed ?? '']));
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, peak RSS from ${hasGnuTime ? 'GNU time' : '/proc sampling'}`,
);
fs.mkdirSync(path.join(repo, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(repo, 'bench', 'results', 'memory.json'),
  JSON.stringify({ date: new Date().toISOString(), cli: values.cli, rows }, null, 2) + '\n',
);
