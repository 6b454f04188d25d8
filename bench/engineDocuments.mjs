// The documents the engine benches (engineSteady.mjs, engineSteadyAB.mjs, enginePerFile.mjs) scan:
// every regular file of a tree the engine would scan (its own size, binary and path tests), as
// text, read once; and the set-up the one-engine benches share.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A one-engine bench's set-up from its command line (`[tree] [--passes 8] [--warmup 3]`) and
 * NHI_BENCH_ENGINE (another build's dist/engine.js): the engine file, the tree, the engine and
 * the tree's documents, and the parsed options.
 */
export function engineBench() {
  const engineFile = path.resolve(process.env.NHI_BENCH_ENGINE ?? path.join(repo, 'dist', 'engine.js'));
  const { createEngine } = createRequire(import.meta.url)(engineFile);
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { passes: { type: 'string', default: '8' }, warmup: { type: 'string', default: '3' } },
  });
  const root = path.resolve(positionals[0] ?? path.join(repo, 'bench', '.npm-tree'));
  const engine = createEngine({ root });
  return { engineFile, root, engine, docs: engineDocuments(root, engine), values };
}

/** `{ path, text }` for each file under `root` that `engine` would scan. */
export function engineDocuments(root, engine) {
  const docs = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile()) {
        const relative = path.relative(root, absolute).split(path.sep).join('/');
        const bytes = fs.readFileSync(absolute);
        if (engine.isIgnoredPath(relative) || engine.skipReason(bytes.length, bytes)) continue;
        docs.push({ path: relative, text: bytes.toString('utf8') });
      }
    }
  };
  walk(root);
  return docs;
}
