// node bench/iacCompare.mjs OTHER_ENGINE_JS: the IaC analysis time of this build's engine
// (dist/engine.js) against another build (an older commit's dist/engine.js) on bench/iac.mjs's
// 5,000-line files, scans interleaved in one process so both see the same machine load.
// Prints median wall and CPU time per scan; asserts nothing.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iacBenchFiles } from './iac.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const other = process.argv[2];
if (!other) throw new Error('usage: node bench/iacCompare.mjs path/to/other/dist/engine.js');
const engines = [
  ['other', require(path.resolve(other)).createEngine()],
  ['this', require(path.join(repo, 'dist', 'engine.js')).createEngine()],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `load before: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('| kind | build | median wall | median CPU | findings |\n| --- | --- | ---: | ---: | ---: |');
for (const [kind, file, text] of iacBenchFiles) {
  const times = new Map(engines.map(([name]) => [name, { wall: [], cpu: [], findings: 0 }]));
  for (const [, engine] of engines) engine.scan({ path: file, text }); // warm-up, IAM data loaded
  for (let i = 0; i < 41; i++) {
    for (const [name, engine] of i % 2 ? engines : [...engines].reverse()) {
      const t = times.get(name);
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      t.findings = engine.scan({ path: file, text }).findings.length;
      t.wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpu);
      t.cpu.push((used.user + used.system) / 1000);
    }
  }
  for (const [name, t] of times)
    console.log(`| ${kind} | ${name} | ${median(t.wall).toFixed(1)} ms | ${median(t.cpu).toFixed(1)} ms | ${t.findings} |`);
}
console.log(
  `load after: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
