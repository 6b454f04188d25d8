import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSettingsFile } from './files/boundedFile';

const MAX_SIBLING_BYTES = 1024 * 1024;
/**
 * What one folder may hand over: a real module has tens of files. A crafted folder of thousands
 * would otherwise be read (and, in the editor, re-checked) on every scan of a file beside or calling it.
 */
export const MAX_FOLDER_FILES = 256;
const MAX_FOLDER_BYTES = 16 * 1024 * 1024;

type TerraformFiles = Array<{ path: string; text: string }>;
/** A kustomization lists the manifests beside it and may add labels (an owner) to all of them. */
const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/;

/**
 * Reads `.tf` files near a scanned one: called with a file, the other `.tf` files of its folder
 * (its Terraform module, for provider `default_tags`) and its folder's kustomization (labels it
 * adds to the manifests it lists); `folder(dir)`, the `.tf` files of a folder
 * (a local module a `module` block calls, for the owner tags its identities take from their
 * caller).
 */
export interface TerraformFileReader {
  (file: string): TerraformFiles;
  /** The `.tf` files of `dir` (relative to the root, or absolute); none when it leads out of the root. */
  folder(dir: string): TerraformFiles;
}

/**
 * Reads Terraform files below `root`; paths handed to the engine are relative to it. With
 * `cache`, each folder is read once (an audit); without, files are re-read only when their mtime
 * or size changed (an editor, where they change while the server runs).
 */
export function terraformSiblingReader(root: string, cache = true): TerraformFileReader {
  const folders = new Map<string, TerraformFiles>();
  const known = new Map<string, { mtimeMs: number; size: number; text: string }>();
  const read = (p: string, stat: fs.Stats): string => {
    const hit = known.get(p);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
    const text = readSettingsFile(p, 'Terraform file', MAX_SIBLING_BYTES);
    if (known.size >= 1000) known.clear(); // bounded memory in a long editor session
    known.set(p, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  };
  const filesOf = (dir: string): TerraformFiles => {
    let files = cache ? folders.get(dir) : undefined;
    if (!files) {
      files = [];
      let bytes = 0;
      try {
        for (const name of fs.readdirSync(dir)) {
          if (!name.endsWith('.tf') && !KUSTOMIZATION.test(name)) continue;
          if (files.length >= MAX_FOLDER_FILES || bytes >= MAX_FOLDER_BYTES) break;
          const p = path.join(dir, name);
          try {
            // lstat: a link is not followed (it may lead out of the workspace), a FIFO never opened.
            const stat = fs.lstatSync(p);
            if (stat.isFile() && stat.size <= MAX_SIBLING_BYTES) {
              files.push({ path: p, text: read(p, stat) });
              bytes += stat.size;
            }
          } catch {
            /* gone, unreadable or swapped meanwhile: not a sibling */
          }
        }
      } catch {
        /* unreadable folder: no sibling defaults */
      }
      if (cache) folders.set(dir, files);
    }
    return files;
  };
  let realRoot: string | undefined;
  const inside = (dir: string): boolean => {
    // A module source is text from the scanned file: `../../..` or a linked folder must not lead out of the workspace.
    try {
      realRoot ??= fs.realpathSync(root);
      const relative = path.relative(realRoot, fs.realpathSync(dir));
      return !relative.startsWith('..') && !path.isAbsolute(relative);
    } catch {
      return false; // no such folder
    }
  };
  const siblings = (file: string): TerraformFiles => {
    const absolute = path.resolve(root, file);
    return filesOf(path.dirname(absolute)).filter((f) => f.path !== absolute);
  };
  return Object.assign(siblings, {
    folder: (dir: string): TerraformFiles => {
      const absolute = path.resolve(root, dir);
      return inside(absolute) ? filesOf(absolute).filter((f) => f.path.endsWith('.tf')) : [];
    },
  });
}
