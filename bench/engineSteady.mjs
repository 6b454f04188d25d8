// The engine's steady-state cost per scanned character: every text file of a tree read once into
// memory, then `Engine.scan` (with the inventory, as an audit asks) over all of them, pass after
// pass in one process. No walking, reading or decoding is timed, and the first passes (JIT and
// regex warm-up) are not counted. Prints the min and median wall and CPU time of the counted passes, and
// characters per second. Asserts nothing. CPU time is steadier than wall time on a shared machine:
// compare two builds in turn (A B A B) and give `uptime` with the figures.
//   node bench/engineSteady.mjs [tree, default bench/.npm-tree] [--passes 8] [--warmup 3]
// NHI_BENCH_ENGINE: another build's dist/engine.js.
import os from 'node:os';
import path from 'node:path';
import { engineBench } from './engineDocuments.mjs';

const { engineFile: ENGINE, root, engine, docs, values } = engineBench();
const chars = docs.reduce((n, d) => n + d.text.length, 0);

const pass = () => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let findings = 0;
  for (const doc of docs) findings += engine.scan(doc, { inventory: true }).findings.length;
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1e3, findings };
};
for (let i = 0; i < Number(values.warmup); i++) pass();
const runs = Array.from({ length: Number(values.passes) }, pass);
const sorted = (key) => runs.map((r) => r[key]).sort((a, b) => a - b);
const [wall, cpu] = [sorted('wall'), sorted('cpu')];
const median = (a) => a[a.length >> 1];
console.log(`engine ${path.relative(process.cwd(), ENGINE) || ENGINE}, tree ${root}`);
console.log(`${docs.length} files, ${(chars / 1e6).toFixed(1)} M characters, ${runs[0].findings} findings per pass`);
console.log(
  `${runs.length} passes after ${values.warmup}: wall min ${wall[0].toFixed(0)} median ${median(wall).toFixed(0)} ms; ` +
    `CPU min ${cpu[0].toFixed(0)} median ${median(cpu).toFixed(0)} ms; ${(chars / 1e3 / wall[0]).toFixed(0)} M chars/s (min wall)`,
);
console.log(
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
