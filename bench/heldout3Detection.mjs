// Scores the third held-out set (test/corpus/heldout3, written blind for issue 12) with the built
// CLI. Each part lives in its own module under bench/heldout3/.
// Usage: npm run bench:heldout3 [-- --json out.json]
import { writeFileSync } from 'node:fs';
import { printSecrets, scoreSecrets } from './heldout3/secretsScore.mjs';

const secrets = scoreSecrets();
printSecrets(secrets);

const j = process.argv.indexOf('--json');
if (j > 0) writeFileSync(process.argv[j + 1], JSON.stringify({ secrets }, null, 1));
