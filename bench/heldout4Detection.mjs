// Scores the fourth held-out set (test/corpus/heldout4, written blind for issue 12).
// Usage: npm run bench:heldout4 [-- --json out.json] [-- --cli path/to/cli.js]
import { runSet } from './heldoutSet/runSet.mjs';

await runSet('heldout4', 'fourth held-out set', process.argv.slice(2));
