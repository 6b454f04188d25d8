// The benchmarks reuse TypeScript modules of the test suite (corpus generators and scorers, the
// seeded generator): each is bundled with esbuild into bench/results/ on load, so a benchmark
// needs no tsc run and there is one copy of that code in the repository.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Bundles `entry` (relative to the repository) into `bench/results/<name>.cjs` and loads it. */
export function loadTypeScriptModule(entry, name) {
  const out = path.join(repo, 'bench', 'results', `${name}.cjs`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  buildSync({
    entryPoints: [path.join(repo, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });
  return require(out);
}
