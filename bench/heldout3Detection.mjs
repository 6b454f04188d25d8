// Scores the third held-out set (test/corpus/heldout3, written blind for issue 12).
// Usage: npm run bench:heldout3 [-- --json out.json] [-- --cli path/to/cli.js]
import { runSet } from './heldoutSet/runSet.mjs';

await runSet('heldout3', 'third held-out set', process.argv.slice(2));
