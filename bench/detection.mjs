// npm run bench:detection: recall, false-alarm rate and precision of the secret rules on the
// labelled corpus (test/corpus/secrets), through the bundled engine. The corpus is generated
// from a seed at run time and written to bench/.secrets-corpus/ (git-ignored) with its labels,
// so any tool can be run on the same files. Prints figures; asserts nothing (the floors are in
// test/corpus/secretCorpus.test.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTypeScriptModule } from './tsModule.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Bundles the TypeScript corpus generator and scorer into one CommonJS file and loads it. */
function loadCorpusModule() {
  return loadTypeScriptModule('test/corpus/secrets/index.ts', 'secret-corpus');
}

export async function runDetectionBench({ argv = [] } = {}) {
  const corpusModule = loadCorpusModule();
  // NHI_ENGINE_JS: another build of the engine (an older commit's dist/engine.js), for before/after figures.
  const { createEngine } = require(process.env.NHI_ENGINE_JS ?? path.join(repo, 'dist', 'engine.js'));
  const started = process.hrtime.bigint();
  const corpus = corpusModule.buildSecretCorpus();
  const built = process.hrtime.bigint();

  // Write the corpus and its labels (values masked) for inspection and for other tools.
  const dir = path.join(repo, 'bench', '.secrets-corpus');
  fs.rmSync(dir, { recursive: true, force: true });
  const labels = [];
  for (const doc of corpus.documents) {
    const file = path.join(dir, doc.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, doc.text);
    for (const l of corpusModule.labelsOf(doc)) {
      const { value: _value, start: _start, end: _end, ...rest } = l;
      labels.push({ ...rest, masked: corpusModule.maskLabel(l) });
    }
  }
  fs.writeFileSync(path.join(dir, 'labels.json'), JSON.stringify({ seed: corpus.seed, labels }, null, 1));

  const engine = createEngine();
  const scanStart = process.hrtime.bigint();
  const score = corpusModule.scoreCorpus(corpus, (d) => engine.scan(d).findings);
  const scanned = process.hrtime.bigint();
  const all = argv.includes('--all');
  const report = corpusModule.formatScore(score, {
    listMisses: all ? Infinity : 40,
    listFalseAlarms: all ? Infinity : 40,
    perProvider: argv.includes('--providers') || all,
  });
  console.log(`secrets corpus: ${dir} (seed ${corpus.seed}, ${corpusModule.PROVIDERS.length} provider formats)`);
  console.log(report);
  const ms = (a, b) => (Number(b - a) / 1e6).toFixed(0);
  console.log(`\ngenerated in ${ms(started, built)} ms, scanned in ${ms(scanStart, scanned)} ms`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  const full = corpusModule.formatScore(score, { listMisses: Infinity, listFalseAlarms: Infinity, perProvider: true });
  fs.writeFileSync(path.join(repo, 'bench', 'results', 'detection.txt'), full + '\n');
  fs.writeFileSync(
    path.join(repo, 'bench', 'results', 'detection.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        seed: corpus.seed,
        recall: corpusModule.recall(score),
        falseAlarmRate: corpusModule.falseAlarmRate(score),
        precision: corpusModule.precision(score),
        positives: score.positives,
        negatives: score.negatives,
        byGroup: Object.fromEntries(score.byGroup),
        negativesByGroup: Object.fromEntries(score.negativesByGroup),
        byRule: Object.fromEntries(score.byRule),
      },
      null,
      2,
    ),
  );
  return score;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runDetectionBench({ argv: process.argv.slice(2) });
