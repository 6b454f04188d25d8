// npm run bench:fuzz: the long engine fuzz, several seeds of `npm run fuzz`, with the figures for
// bench/RESULTS.md (inputs tried, crashes, hangs, leaks). Needs the compiled tests (out/).
//   node bench/fuzz.mjs [--seeds 1,2,3,4,5] [--runs 20000] [--budget 5000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5' },
    runs: { type: 'string', default: '20000' },
    budget: { type: 'string', default: '5000' },
  },
});
const require = createRequire(import.meta.url);
const { runFuzz, formatReport } = require(path.join(repo, 'out', 'test', 'fuzz', 'fuzzHarness.js'));

const reports = [];
for (const seed of values.seeds.split(',').map(Number)) {
  process.stderr.write(`seed ${seed}: ${values.runs} inputs…\n`);
  const report = runFuzz({ runs: Number(values.runs), seed, budgetMs: Number(values.budget), shrink: true });
  console.log(formatReport(report));
  reports.push(report);
}
const total = (key) => reports.reduce((n, r) => n + r[key], 0);
const families = {};
for (const r of reports) for (const [f, n] of Object.entries(r.byFamily)) families[f] = (families[f] ?? 0) + n;
console.log(
  `\ntotal: ${total('inputs')} inputs over seeds ${values.seeds}: ${total('crashes')} crashes, ${total('hangs')} hangs (budget ${values.budget} ms), ${total('leaks')} leaks; slowest input ${Math.round(Math.max(...reports.map((r) => r.slowestMs)))} ms; ${(total('totalMs') / 1000).toFixed(0)} s`,
);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
fs.mkdirSync(path.join(repo, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(repo, 'bench', 'results', 'fuzz.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, families, reports }, null, 2) + '\n',
);
process.exitCode = total('crashes') || total('leaks') ? 1 : 0;
