// npm run bench: IaC analysis time, secret detection on the labelled corpus (bench/detection.mjs),
// the editor's re-check in-process (bench/keystroke.mjs) and the language server over stdio
// (bench/lspStdio.mjs),
// IaC check recall and precision on the labelled IaC corpus (bench/iacDetection.mjs), both kinds
// on the held-out set written without reading the engine (bench/heldoutDetection.mjs),
// then throughput, files/s, peak RSS and recall of nhi-lens and of secretlint (recommended preset)
// on the same corpus, in the same run. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAuditBench } from './audit.mjs';
import { PACKAGES, ensureCorpus } from './corpus.mjs';
import { runDetectionBench } from './detection.mjs';
import { runHeldoutBench } from './heldoutDetection.mjs';
import { runIacDetectionBench } from './iacDetection.mjs';
import { runIacBench } from './iac.mjs';
import { runKeystrokeBench } from './keystroke.mjs';
import { runLspBench } from './lspStdio.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
runIacBench();
await runDetectionBench();
await runIacDetectionBench();
runHeldoutBench();
runKeystrokeBench();
// The server's workspace audit runs after the audit bench below, which builds the npm tree it audits.
await runLspBench({ only: 'coldStart,recheck,typing,memory,burst,rawBurst,wholeTextBurst,huge' });

const corpus = path.resolve(process.env.NHI_BENCH_CORPUS ?? path.join(repo, 'bench', '.corpus'));
const results = path.join(repo, 'bench', 'results');
fs.mkdirSync(results, { recursive: true });
ensureCorpus(corpus);

function corpusSize(dir) {
  let bytes = 0,
    files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.startsWith('.corpus') && e.name !== 'planted.json') {
        bytes += fs.statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Runs a command, sampling its peak resident set (VmHWM) until it exits. */
function measure(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKb = 0,
      stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        /* exited between samples */
      }
    };
    const timer = setInterval(sample, 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peakKb / 1024, code, stderr });
    });
  });
}

const planted = JSON.parse(fs.readFileSync(path.join(corpus, 'planted.json'), 'utf8'));
const size = corpusSize(corpus);
console.log(
  `corpus: ${corpus}\n  ${PACKAGES.join(', ')}\n  ${(size.bytes / 1048576).toFixed(1)} MB in ${size.files} files, ${planted.length} planted secrets\n`,
);

const runs = [];
// nhi-lens: the bundled CLI, as users run it (default threading), then forced onto 2 workers.
for (const [label, extra] of [
  ['nhi-lens', []],
  ['nhi-lens --jobs 2', ['--jobs', '2']],
]) {
  const out = path.join(results, 'nhi-lens.json');
  const m = await measure(
    process.execPath,
    [
      path.join(repo, 'dist', 'cli.js'),
      'audit',
      '.',
      '--format',
      'json',
      '--output',
      out,
      '--no-gitignore',
      '--no-git',
      '--fail-on',
      'never',
      '--quiet',
      ...extra,
    ],
    corpus,
  );
  if (m.code !== 0) throw new Error(`nhi-lens failed (${m.code}): ${m.stderr}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const flagged = new Set(report.findings.map((f) => f.path));
  runs.push({
    tool: label,
    ...m,
    found: planted.filter((p) => flagged.has(p.file)),
    findings: report.findings.length,
    outside: report.findings.filter((f) => !f.path.startsWith('planted/')).length,
  });
}
// secretlint with the recommended preset.
{
  const rc = path.join(results, 'secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const out = path.join(results, 'secretlint.json');
  const bin = path.join(repo, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const m = await measure(process.execPath, [bin, '**/*', '--secretlintrc', rc, '--format', 'json', '--output', out, '--no-color'], corpus);
  let report = [];
  try {
    report = JSON.parse(fs.readFileSync(out, 'utf8') || '[]');
  } catch {
    /* no output */
  }
  const withMessages = report.filter((r) => r.messages?.length);
  const flagged = new Set(withMessages.map((r) => path.relative(corpus, r.filePath).split(path.sep).join('/')));
  runs.push({
    tool: 'secretlint',
    ...m,
    found: planted.filter((p) => flagged.has(p.file)),
    findings: withMessages.reduce((n, r) => n + r.messages.length, 0),
    outside: withMessages
      .filter((r) => !path.relative(corpus, r.filePath).startsWith('planted'))
      .reduce((n, r) => n + r.messages.length, 0),
  });
}

const mb = size.bytes / 1048576;
const row = (cells) => `| ${cells.join(' | ')} |`;
const lines = [
  row(['tool', 'time (s)', 'MB/s', 'files/s', 'peak RSS (MB)', 'recall (planted)', 'findings outside planted']),
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
];
for (const r of runs)
  lines.push(
    row([
      r.tool,
      r.seconds.toFixed(2),
      (mb / r.seconds).toFixed(1),
      Math.round(size.files / r.seconds),
      r.peakMb.toFixed(0),
      `${r.found.length}/${planted.length}`,
      r.outside,
    ]),
  );
const [ours, , theirs] = runs;
console.log(lines.join('\n'));
console.log(`\nthroughput ratio nhi-lens / secretlint: ${(theirs.seconds / ours.seconds).toFixed(1)}x`);
const missed = (r) => [...new Set(planted.filter((p) => !r.found.includes(p)).map((p) => p.kind))].join(', ') || 'none';
console.log(`missed kinds: nhi-lens: ${missed(ours)}; secretlint: ${missed(theirs)}`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
fs.writeFileSync(
  path.join(results, 'latest.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      corpus: { mb, files: size.files, planted: planted.length },
      runs: runs.map(({ found, stderr: _stderr, ...r }) => ({ ...r, recall: found.length })),
    },
    null,
    2,
  ),
);

// The audit on the tree of issue 13 (a user's tree of small files), with the cache and the scaling series.
await runAuditBench();
// The same tree audited by the language server, first and again (cached).
await runLspBench({ only: 'audit' });
