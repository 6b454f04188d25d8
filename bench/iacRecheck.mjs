// The editor's re-check of IaC files in-process: the language-server bench's 5,000-line Terraform,
// workflow, Kubernetes and CloudFormation files (bench/lspStdio.mjs KINDS), opened in an engine with
// a memo (as the server scans an open document), then typed into ten characters at a time at the
// ends of random lines. Prints the CPU time of this process per scan, over the first 60 edits
// after opening (JIT still warming up, as in the server bench) and over the next 300 (p50 / p95).
// CPU time, not wall time: steadier on a shared machine. Asserts nothing.
//   node bench/iacRecheck.mjs [kinds, default terraform,workflow,kubernetes,cloudformation; also the
//     re-check-only kinds of bench/lspStdio.mjs RECHECK_KINDS: cdk-python,cdk-typescript,pulumi-typescript,pulumi-python]
// NHI_BENCH_ENGINE: another build's dist/engine.js (it must export SecretLineMemo).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KINDS, RECHECK_KINDS } from './lspStdio.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = path.resolve(process.env.NHI_BENCH_ENGINE ?? path.join(repo, 'dist', 'engine.js'));
const { createEngine, SecretLineMemo } = createRequire(import.meta.url)(ENGINE);

let seed = 4711;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e3;
};
const at = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))];

/** The end of a random line (not the last, empty one): where the next ten characters are typed. */
function lineEnd(text) {
  const lines = text.split('\n');
  const line = Math.floor(random() * (lines.length - 1));
  let end = -1;
  for (let i = 0; i <= line; i++) end += lines[i].length + 1;
  return end;
}

export function runIacRecheckBench(kinds = ['terraform', 'workflow', 'kubernetes', 'cloudformation']) {
  console.log(`IaC re-check in-process (${ENGINE}); load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  const rows = [];
  for (const kind of kinds) {
    const engine = createEngine();
    engine.scan({ path: 'warm.ts', text: 'const a = 1;\n' });
    const doc = { ...KINDS, ...RECHECK_KINDS }[kind]();
    const memo = new SecretLineMemo();
    let text = doc.text;
    let c = process.cpuUsage();
    const findings = engine.scan({ path: doc.name, text }, { memo }).findings.length;
    const open = cpuMs(c);
    let cursor = 0;
    const edit = (e) => {
      if (e % 10 === 0) cursor = lineEnd(text);
      text = text.slice(0, cursor) + 'abcdefghij'[e % 10] + text.slice(cursor);
      cursor++;
    };
    c = process.cpuUsage();
    for (let e = 0; e < 60; e++) {
      edit(e);
      engine.scan({ path: doc.name, text }, { memo });
    }
    const warming = cpuMs(c) / 60;
    const warm = [];
    for (let e = 60; e < 360; e++) {
      edit(e);
      c = process.cpuUsage();
      engine.scan({ path: doc.name, text }, { memo });
      warm.push(cpuMs(c));
    }
    rows.push({ kind, open, warming, p50: at(warm, 0.5), p95: at(warm, 0.95), findings });
  }
  for (const r of rows)
    console.log(
      `  ${r.kind.padEnd(15)} open ${r.open.toFixed(1).padStart(6)} ms  first 60 edits ${r.warming.toFixed(2).padStart(6)} ms/scan  next 300: p50 ${r.p50.toFixed(2).padStart(5)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  (${r.findings} findings at open)`,
    );
  console.log(`load after: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runIacRecheckBench(process.argv[2]?.split(','));
