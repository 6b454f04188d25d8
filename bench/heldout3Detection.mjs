// Scores the third held-out set (test/corpus/heldout3, written blind for issue 12): each half has
// its own scorer under bench/heldout3/, run here when present.
// Usage: npm run bench:heldout3 [-- --json out.json] [-- --cli path/to/cli.js]
import { existsSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const results = {};
for (const part of ['iacScore', 'secretsScore']) {
  const url = new URL(`./heldout3/${part}.mjs`, import.meta.url);
  if (!existsSync(url)) continue;
  results[part] = await (await import(url)).run(args);
}
const j = args.indexOf('--json');
if (j >= 0) writeFileSync(args[j + 1], JSON.stringify(results, null, 1));
