// bench/engineSteady.mjs for two engine builds in one process: the same documents, passes of
// `Engine.scan` (with the inventory) alternated between the builds (A B, then B A, ...), so both
// meet the same machine load. On the shared 2-core machine two separate runs of engineSteady
// differ by up to 10% in CPU time from load alone; alternating passes in one process brings the
// A/B ratio's spread down to a few percent. Prints each build's median and minimum CPU time per
// pass and their ratio. Asserts nothing.
//   node bench/engineSteadyAB.mjs <A dist/engine.js> <B dist/engine.js> [tree, default bench/.npm-tree] [--rounds 8] [--warmup 2]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { engineDocuments } from './engineDocuments.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '8' }, warmup: { type: 'string', default: '2' } },
});
if (positionals.length < 2) {
  console.error('usage: node bench/engineSteadyAB.mjs <A dist/engine.js> <B dist/engine.js> [tree] [--rounds 8] [--warmup 2]');
  process.exit(2);
}
const builds = positionals.slice(0, 2).map((p) => path.resolve(p));
const root = path.resolve(positionals[2] ?? path.join(repo, 'bench', '.npm-tree'));
const engines = builds.map((p) => createRequire(import.meta.url)(p).createEngine({ root }));

const docs = engineDocuments(root, engines[0]);
const chars = docs.reduce((n, d) => n + d.text.length, 0);

const pass = (engine) => {
  const start = process.cpuUsage();
  let findings = 0;
  for (const doc of docs) findings += engine.scan(doc, { inventory: true }).findings.length;
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e3, findings };
};
for (let i = 0; i < Number(values.warmup); i++) for (const engine of engines) pass(engine);
const cpu = [[], []];
const findings = [new Set(), new Set()];
for (let round = 0; round < Number(values.rounds); round++) {
  const order = round % 2 ? [1, 0] : [0, 1];
  for (const k of order) {
    const { cpu: used, findings: found } = pass(engines[k]);
    cpu[k].push(used);
    findings[k].add(found);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`tree ${root}: ${docs.length} files, ${(chars / 1e6).toFixed(1)} M characters; ${values.rounds} rounds after ${values.warmup}`);
builds.forEach((b, k) =>
  console.log(
    `${'AB'[k]} ${path.relative(process.cwd(), b) || b}: CPU median ${median(cpu[k]).toFixed(0)} ms, min ${Math.min(...cpu[k]).toFixed(0)} ms per pass; findings per pass ${[...findings[k]].join('/')}`,
  ),
);
console.log(`B/A (CPU medians) ${(median(cpu[1]) / median(cpu[0])).toFixed(3)}; load ${load}`);
