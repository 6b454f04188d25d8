// npm run bench:workspace-rules: what a workspace's own rule costs now that it runs on the
// linear-time engine (issue 14). The CLI audits the npm tree of issue 13 with no config and with
// a .nhi-lens.yaml of two custom rules whose keywords are on many lines of JavaScript ("key",
// "token"), for this build and for another one (NHI_BENCH_BEFORE=path/to/cli.js, e.g. a build of
// the parent commit, where the same rules ran on V8); both must report the same findings of the
// custom rules. Also start-up (an audit of a one-file tree) and the bundles' sizes. Whole
// processes are timed; the machine's load is printed with the figures. Asserts nothing but the
// equality of findings.
//
// Environment: NHI_BENCH_NPM_TREE=dir (default bench/.npm-tree, built if missing);
// NHI_BENCH_RUNS=n (default 3, median); NHI_BENCH_BEFORE=cli.js of the build to compare with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './audit.mjs';
import { NPM_TREE, ensureCorpus } from './corpus.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Math.max(1, Number(process.env.NHI_BENCH_RUNS ?? 3));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const RULES = `rules:
  - id: bench-key-assignment
    title: A key assigned a long literal
    category: secret
    severity: warning
    description: A name ending in key assigned a long quoted literal.
    remediation: Move it out of the file.
    keywords: [key]
    pattern: '(?<name>[A-Za-z_]{0,32}[Kk]ey)[ \\t]{0,4}[:=][ \\t]{0,4}["'']?(?<secret>[A-Za-z0-9_/+=-]{20,80})["'']?(?![A-Za-z0-9])'
    examples: { positive: ['apiKey = "Zq8xR2mP0vL5tN7wK3hJ9cB4"'], negative: ['apiKey = "short"'] }
  - id: bench-token-literal
    title: A token literal
    category: secret
    severity: warning
    description: The word token followed by a long literal.
    remediation: Move it out of the file.
    keywords: [token]
    pattern: '(?<![A-Za-z0-9_])token[A-Za-z_]{0,20}["'']?[ \\t]{0,4}[:=,][ \\t]{0,4}["''](?<secret>[^"''\\s]{12,100})["'']'
    examples: { positive: ['token = "Zq8xR2mP0vL5tN7wK3hJ"'], negative: ['token = "short"'] }
`;

async function audit(cli, target, config) {
  const out = path.join(os.tmpdir(), `nhi-lens-bench-rules-${process.pid}.json`);
  const args = [cli, 'audit', target, '--format', 'json', '--output', out, '--no-gitignore', '--no-git', '--fail-on', 'never', '--quiet'];
  if (config) args.push('--config', config);
  const m = await measure(process.execPath, args, { cwd: target });
  if (m.code !== 0) throw new Error(`nhi-lens failed (${m.code}): ${m.stderr}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  const custom = report.findings
    .filter((f) => f.ruleId.startsWith('bench-'))
    .map((f) => `${f.ruleId} ${f.path}:${f.range?.start?.line ?? f.line}`);
  return { ...m, custom: custom.sort() };
}

async function medianOf(n, run) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(await run());
  const mid = median(all.map((r) => r.seconds));
  return { ...all.find((r) => r.seconds === mid), times: all.map((r) => r.seconds) };
}

const corpus = path.resolve(process.env.NHI_BENCH_NPM_TREE ?? path.join(repo, 'bench', '.npm-tree'));
ensureCorpus(corpus, NPM_TREE);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nhi-lens-bench-rules-'));
const config = path.join(work, 'rules.yaml');
fs.writeFileSync(config, RULES);
const tiny = path.join(work, 'tiny');
fs.mkdirSync(tiny);
fs.writeFileSync(path.join(tiny, 'app.py'), 'apiKey = "Zq8xR2mP0vL5tN7wK3hJ9cB4"\n');

const builds = [['this build', path.join(repo, 'dist', 'cli.js')]];
if (process.env.NHI_BENCH_BEFORE) builds.unshift(['before', path.resolve(process.env.NHI_BENCH_BEFORE)]);

console.log(`\n## Workspace rules on the linear-time engine (issue 14)\n`);
console.log(`corpus: ${corpus}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log(`load before: ${load()}\n`);
console.log('| build | config | wall (s), median | runs (s) | CPU (s) | custom-rule findings | load after |');
console.log('| --- | --- | ---: | --- | ---: | ---: | --- |');
const found = new Map();
for (const [label, cli] of builds) {
  for (const [name, cfg] of [
    ['none', undefined],
    ['2 custom rules', config],
  ]) {
    const r = await medianOf(runs, () => audit(cli, corpus, cfg));
    if (cfg) found.set(label, r.custom);
    console.log(
      `| ${label} | ${name} | ${r.seconds.toFixed(2)} | ${r.times.map((t) => t.toFixed(2)).join(', ')} | ${r.cpuSeconds.toFixed(2)} | ${cfg ? r.custom.length : '-'} | ${load()} |`,
    );
  }
}
console.log('\nstart-up: an audit of a one-file tree, median of 9');
console.log('| build | config | wall (ms) |');
console.log('| --- | --- | ---: |');
for (const [label, cli] of builds) {
  for (const [name, cfg] of [
    ['none', undefined],
    ['2 custom rules', config],
  ]) {
    const r = await medianOf(9, () => audit(cli, tiny, cfg));
    console.log(`| ${label} | ${name} | ${(r.seconds * 1000).toFixed(0)} |`);
  }
}
// Hostile inputs, whole processes: a catastrophic custom rule over a 100,000-character line (the
// build before refused the rule at load time), and a paths.ignore glob with five ** over a file
// 100 folders deep (the ignore package's RegExp backtracks polynomially; stopped after 150 s).
const hostile = path.join(work, 'hostile');
fs.mkdirSync(path.join(hostile, ...Array(100).fill('x')), { recursive: true });
fs.writeFileSync(path.join(hostile, ...Array(100).fill('x'), 'z.txt'), 'nothing here\n');
fs.writeFileSync(path.join(hostile, 'long.txt'), `tok${'a'.repeat(100_000)}!\n`);
const hostileRule = `rules:
  - id: catastrophic
    title: Nested repeats
    category: secret
    severity: error
    description: A pattern with nested unbounded repeats.
    remediation: Remove the rule from the config.
    keywords: [tok]
    pattern: '^tok(?<secret>([a-z0-9]+)+)$'
    examples: { positive: ['tokq8zr3lm0pd5xv'], negative: ['b'] }
`;
const hostileGlob = 'paths:\n  ignore: ["**/x/**/x/**/x/**/x/**/x/**/q"]\n';
console.log('\nhostile inputs (one run each; wall s, or the exit when refused or stopped):');
for (const [label, cli] of builds) {
  for (const [name, yaml] of [
    ['rule ^tok(([a-z0-9]+)+)$, 100,000-character line', hostileRule],
    ['paths.ignore with five **, a file 100 folders deep', hostileGlob],
  ]) {
    const cfg = path.join(work, 'hostile.yaml');
    fs.writeFileSync(cfg, yaml);
    const args = [cli, 'audit', hostile, '--no-git', '--fail-on', 'never', '--quiet', '--config', cfg];
    const m = await measure('timeout', ['150', process.execPath, ...args], { cwd: hostile });
    const outcome =
      m.code === 0
        ? `${m.seconds.toFixed(2)} s`
        : m.code === 124
          ? `stopped at ${m.seconds.toFixed(0)} s`
          : `exit ${m.code} (${m.stderr.split('\n')[0].slice(0, 90)})`;
    console.log(`  ${label}: ${name}: ${outcome} (load ${load()})`);
  }
}
console.log(`\nbundles (bytes):`);
for (const [label, cli] of builds) {
  const dir = path.dirname(cli);
  const sizes = ['cli.js', 'server.js', 'scanWorker.js', 'engine.js', 're2js.js']
    .filter((f) => fs.existsSync(path.join(dir, f)))
    .map((f) => `${f} ${fs.statSync(path.join(dir, f)).size}`);
  console.log(`  ${label}: ${sizes.join(', ')}`);
}
if (found.size === 2) {
  const [a, b] = [...found.values()];
  const same = JSON.stringify(a) === JSON.stringify(b);
  console.log(`\ncustom-rule findings identical across builds: ${same ? 'yes' : 'NO'} (${a.length} and ${b.length})`);
  if (!same) process.exitCode = 1;
}
console.log(`load after: ${load()}`);
fs.rmSync(work, { recursive: true, force: true });
