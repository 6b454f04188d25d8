// The benchmarks' seeded generator is the tests' own (test/support/seededRandom.ts: mulberry32,
// character sets, checksummed tokens), bundled here on load so the benchmark trees need no tsc
// run and there is one generator in the repository.
import { loadTypeScriptModule } from './tsModule.mjs';

export const { Rng, ALNUM, UPPER, DIGITS, HEX, BASE32, BASE64, checksummedToken } = loadTypeScriptModule(
  'test/support/seededRandom.ts',
  'seeded-random',
);
