// Scores the fifth held-out set (test/corpus/heldout5, written blind for issue 12).
// Usage: npm run bench:heldout5 [-- --json out.json] [-- --cli path/to/cli.js]
import { runSet } from './heldoutSet/runSet.mjs';

await runSet('heldout5', 'fifth held-out set', process.argv.slice(2));
