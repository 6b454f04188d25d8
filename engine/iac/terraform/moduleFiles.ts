import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_SIBLING_BYTES = 1024 * 1024;

/**
 * Reads the other `.tf` files of a file's folder (its Terraform module), for provider
 * `default_tags`. Paths handed to the engine are relative to `root`. With `cache`, each folder
 * is read once (an audit); without, on every call (an editor, where files change).
 */
export function terraformSiblingReader(root: string, cache = true): (file: string) => Array<{ path: string; text: string }> {
  const folders = new Map<string, Array<{ path: string; text: string }>>();
  return (file) => {
    const absolute = path.resolve(root, file);
    const dir = path.dirname(absolute);
    let files = cache ? folders.get(dir) : undefined;
    if (!files) {
      files = [];
      try {
        for (const name of fs.readdirSync(dir)) {
          if (!name.endsWith('.tf')) continue;
          const p = path.join(dir, name);
          const stat = fs.statSync(p);
          if (stat.isFile() && stat.size <= MAX_SIBLING_BYTES) files.push({ path: p, text: fs.readFileSync(p, 'utf8') });
        }
      } catch { /* unreadable folder: no sibling defaults */ }
      if (cache) folders.set(dir, files);
    }
    return files.filter((f) => f.path !== absolute);
  };
}
