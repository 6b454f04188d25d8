// The warm-up of the editor's re-check, per thread: a 5,000-line file of one kind
// (bench/lspStdio.mjs KINDS) opened in a fresh process's engine with a memo, then typed into as
// bench/iacRecheck.mjs types (ten characters at the end of a random line, then another line).
// Prints the CPU time of the main thread and of all other threads together (V8's optimising
// compiler and garbage collector helpers), from /proc (10 ms ticks), over the first 20 edits after
// opening and over the next 40. One process per kind and run: V8 warms up once per process.
// Linux only; asserts nothing.
//   node bench/recheckThreads.mjs [kinds, default terraform,pulumi-typescript,pulumi-python,kubernetes] [runs, default 3]
// NHI_BENCH_ENGINE: another build's dist/engine.js. NHI_BENCH_NODE_ARGS: V8 flags for the child
// (the language server sets its own, server/v8Settings.ts: pass them here to compare, e.g.
// "--interrupt-budget=300000 --no-turbo-inlining").
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const repo = path.resolve(path.dirname(here), '..');
const ENGINE = path.resolve(process.env.NHI_BENCH_ENGINE ?? path.join(repo, 'dist', 'engine.js'));

/** CPU ms of the main thread and of the others, by thread id, from /proc/self/task. */
function threadTimes() {
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      if (tid === String(process.pid)) main += ms;
      else others += ms;
    } catch {
      // a thread that ended meanwhile
    }
  }
  return { main, others };
}

async function child(kind) {
  const { KINDS, RECHECK_KINDS } = await import('./lspStdio.mjs');
  const { createEngine, SecretLineMemo } = createRequire(import.meta.url)(ENGINE);
  let seed = 4711;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const lineEnd = (text) => {
    const lines = text.split('\n');
    const line = Math.floor(random() * (lines.length - 1));
    let end = -1;
    for (let i = 0; i <= line; i++) end += lines[i].length + 1;
    return end;
  };
  const engine = createEngine();
  engine.scan({ path: 'warm.ts', text: 'const a = 1;\n' });
  const doc = { ...KINDS, ...RECHECK_KINDS }[kind]();
  const memo = new SecretLineMemo();
  let text = doc.text;
  engine.scan({ path: doc.name, text }, { memo });
  let cursor = 0;
  const marks = [threadTimes()];
  for (let e = 0; e < 60; e++) {
    if (e === 20) marks.push(threadTimes());
    if (e % 10 === 0) cursor = lineEnd(text);
    text = text.slice(0, cursor) + 'abcdefghij'[e % 10] + text.slice(cursor);
    cursor++;
    engine.scan({ path: doc.name, text }, { memo });
  }
  marks.push(threadTimes());
  const span = (a, b) => ({ main: b.main - a.main, others: b.others - a.others });
  process.stdout.write(JSON.stringify({ first20: span(marks[0], marks[1]), next40: span(marks[1], marks[2]) }));
}

function main() {
  const kinds = (process.argv[2] ?? 'terraform,pulumi-typescript,pulumi-python,kubernetes').split(',');
  const runs = Number(process.argv[3] ?? 3);
  const nodeArgs = (process.env.NHI_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  console.log(
    `re-check warm-up per thread (${ENGINE}; node ${nodeArgs.join(' ') || '(V8 defaults)'}); load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`,
  );
  for (const kind of kinds) {
    const results = [];
    for (let r = 0; r < runs; r++)
      results.push(JSON.parse(execFileSync(process.execPath, [...nodeArgs, here, '--child', kind], { encoding: 'utf8' })));
    const mean = (pick) => results.reduce((sum, x) => sum + pick(x), 0) / results.length;
    const cell = (span) =>
      `main ${mean((x) => x[span].main)
        .toFixed(0)
        .padStart(3)} + others ${mean((x) => x[span].others)
        .toFixed(0)
        .padStart(3)} ms`;
    console.log(`  ${kind.padEnd(18)} first 20 edits: ${cell('first20')}   next 40: ${cell('next40')}   (mean of ${runs})`);
  }
  console.log(`load after: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else main();
