// npm run bench:iac-detection: recall, false alarms, precision and floods of the IaC checks on the
// labelled IaC corpus (test/corpus/iac), through the bundled engine. The corpus is generated at
// run time and written to bench/.iac-corpus/ (git-ignored) with its labels, so any tool can be
// run on the same files. Prints figures; asserts nothing (the floors are in
// test/corpus/iacCorpus.test.ts).
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

async function loadCorpusModule() {
  const out = path.join(repo, 'bench', 'results', 'iac-corpus.cjs');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await build({
    entryPoints: [path.join(repo, 'test', 'corpus', 'iac', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });
  return require(out);
}

export async function runIacDetectionBench({ argv = [] } = {}) {
  const corpusModule = await loadCorpusModule();
  const { createEngine } = require(path.join(repo, 'dist', 'engine.js'));
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

  const engine = createEngine();
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
  return score;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runIacDetectionBench({ argv: process.argv.slice(2) });
