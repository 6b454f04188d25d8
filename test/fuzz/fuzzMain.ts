/**
 * `npm run fuzz [-- --runs N --seed S --budget MS --json FILE]`: the engine fuzz from the command
 * line. Prints the figures and every failure with the seed that reproduces it; exits 1 on a crash
 * or a leak (hangs are reported: wall-clock time depends on the machine).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, runFuzz } from './fuzzHarness';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    budget: { type: 'string', default: '5000' },
    json: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const budgetMs = Number(values.budget);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !(budgetMs > 0)) {
  process.stderr.write('usage: npm run fuzz -- [--runs N] [--seed S] [--budget MS] [--json FILE]\n');
  process.exit(2);
}
process.stderr.write(`engine fuzz: ${runs} inputs, seed ${seed}, hang budget ${budgetMs} ms\n`);
const report = runFuzz({
  runs,
  seed,
  budgetMs,
  shrink: true,
  onProgress: (done) => process.stderr.write(`\r  ${done}/${runs}`),
});
process.stderr.write('\r\x1b[2K');
process.stdout.write(`${formatReport(report)}\n`);
if (values.json)
  fs.writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, ...report }, null, 2) + '\n');
process.exitCode = report.crashes || report.leaks ? 1 : 0;
