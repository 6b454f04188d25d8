import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSettingsFile } from './files/boundedFile';

const MAX_SIBLING_BYTES = 1024 * 1024;

/**
 * Reads the other `.tf` files of a file's folder (its Terraform module), for provider
 * `default_tags`. Paths handed to the engine are relative to `root`. With `cache`, each folder
 * is read once (an audit); without, files are re-read only when their mtime or size changed
 * (an editor, where they change while the server runs).
 */
export function terraformSiblingReader(root: string, cache = true): (file: string) => Array<{ path: string; text: string }> {
  const folders = new Map<string, Array<{ path: string; text: string }>>();
  const known = new Map<string, { mtimeMs: number; size: number; text: string }>();
  const read = (p: string, stat: fs.Stats): string => {
    const hit = known.get(p);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
    const text = readSettingsFile(p, 'Terraform file', MAX_SIBLING_BYTES);
    if (known.size >= 1000) known.clear(); // bounded memory in a long editor session
    known.set(p, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  };
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
          try {
            // lstat: a link is not followed (it may lead out of the workspace), a FIFO never opened.
            const stat = fs.lstatSync(p);
            if (stat.isFile() && stat.size <= MAX_SIBLING_BYTES) files.push({ path: p, text: read(p, stat) });
          } catch {
            /* gone, unreadable or swapped meanwhile: not a sibling */
          }
        }
      } catch {
        /* unreadable folder: no sibling defaults */
      }
      if (cache) folders.set(dir, files);
    }
    return files.filter((f) => f.path !== absolute);
  };
}
