// npm run bench:iac-detection: recall, false alarms, precision and floods of the IaC checks on the
// labelled IaC corpus (test/corpus/iac), through the bundled engine. The corpus is generated at
// run time and written to bench/.iac-corpus/ (git-ignored) with its labels, so any tool can be
// run on the same files. Prints figures; asserts nothing (the floors are in
// test/corpus/iacCorpus.test.ts). `--real DIR…` also lists every IaC finding in the YAML, JSON
// and Terraform files under the given folders (code nobody wrote for us), one per line, for review.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTypeScriptModule } from './tsModule.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function loadCorpusModule() {
  return loadTypeScriptModule('test/corpus/iac/index.ts', 'iac-corpus');
}

export async function runIacDetectionBench({ argv = [] } = {}) {
  const corpusModule = loadCorpusModule();
  // NHI_ENGINE_JS: another build of the engine (an older commit's dist/engine.js), for before/after figures.
  const { createEngine } = require(process.env.NHI_ENGINE_JS ?? path.join(repo, 'dist', 'engine.js'));
  const documents = corpusModule.buildIacCorpus();

  const dir = path.join(repo, 'bench', '.iac-corpus');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const doc of documents) {
    const file = path.join(dir, doc.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, doc.text);
  }
  fs.writeFileSync(
    path.join(dir, 'labels.json'),
    JSON.stringify(
      documents.flatMap((d) => d.labels),
      null,
      1,
    ),
  );

  // Local modules that module blocks call are served from the corpus (siblings are not: each file is its own case).
  const engine = createEngine({ siblingFiles: Object.assign(() => [], { folder: corpusModule.corpusModuleFiles(documents) }) });
  const started = process.hrtime.bigint();
  const score = corpusModule.scoreIacCorpus(documents, (d) => engine.scan(d).findings);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const all = argv.includes('--all');
  console.log(`IaC corpus: ${dir}`);
  console.log(
    corpusModule.formatIacScore(score, {
      listMisses: all ? Infinity : 30,
      listFalseAlarms: all ? Infinity : 30,
      perForm: argv.includes('--forms') || all,
    }),
  );
  console.log(`\nscanned in ${ms.toFixed(0)} ms`);
  const full = corpusModule.formatIacScore(score, { listMisses: Infinity, listFalseAlarms: Infinity, perForm: true });
  fs.writeFileSync(path.join(repo, 'bench', 'results', 'iac-detection.txt'), full + '\n');
  const real = argv.indexOf('--real');
  if (real >= 0) realCodeFindings(engine, argv.slice(real + 1));
  return score;
}

/** Every IaC finding in the files under `roots`, listed for a person to judge right or wrong. */
function realCodeFindings(engine, roots) {
  let files = 0;
  const lines = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(?:tf|ya?ml|json)$/.test(e.name) && fs.statSync(p).size <= 2_000_000) {
        files++;
        const findings = engine.scan({ path: p, text: fs.readFileSync(p, 'utf8') }).findings.filter((f) => f.fix.iac);
        for (const f of findings) lines.push(`  ${p}:${f.range.start.line + 1}  ${f.ruleId}  ${f.message.slice(0, 160)}`);
      }
    }
  };
  for (const root of roots) walk(root);
  console.log(`\nreal code: ${files} YAML/JSON/Terraform files under ${roots.join(', ')}: ${lines.length} IaC findings`);
  console.log(lines.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runIacDetectionBench({ argv: process.argv.slice(2) });
