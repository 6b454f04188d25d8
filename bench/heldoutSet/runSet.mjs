// Scores one blind held-out set (the third and later ones share the format and the scorers here):
// each half (IaC, secrets) when the set has it. `--json out.json` keeps the figures, `--cli path`
// scores another build.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as runIac } from './iacScore.mjs';
import { run as runSecrets } from './secretsScore.mjs';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'corpus');

export async function runSet(set, title, args) {
  const results = {};
  if (existsSync(join(CORPUS, set, 'iac.labels.tsv'))) results.iacScore = await runIac(args, { set, title });
  if (existsSync(join(CORPUS, set, 'secrets', 'cases'))) results.secretsScore = await runSecrets(args, { set });
  const j = args.indexOf('--json');
  if (j >= 0) writeFileSync(args[j + 1], JSON.stringify(results, null, 1));
  return results;
}
