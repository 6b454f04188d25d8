// The benchmarks' seeded generator is the tests' own (test/support/seededRandom.ts: mulberry32,
// character sets, checksummed tokens), bundled here on load so the benchmark trees need no tsc
// run and there is one generator in the repository.
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'bench', 'results', 'seeded-random.cjs');
buildSync({
  entryPoints: [path.join(repo, 'test', 'support', 'seededRandom.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
});

export const { Rng, ALNUM, UPPER, DIGITS, HEX, BASE32, BASE64, checksummedToken } = createRequire(import.meta.url)(out);
