// The documents bench/engineSteady.mjs and bench/engineSteadyAB.mjs scan: every regular file of a
// tree the engine would scan (its own size, binary and path tests), as text, read once.
import fs from 'node:fs';
import path from 'node:path';

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
