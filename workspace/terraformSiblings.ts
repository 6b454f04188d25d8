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
 * What each kind of sibling read takes from a folder, and how much. RBAC manifests are small: a
 * folder's other YAML files are read only up to 64 files of 256 KiB, so that a workload re-checked
 * on every keystroke never parses more than a few MB beside it.
 */
const WANTED = {
  terraform: {
    name: (name: string) => name.endsWith('.tf') || KUSTOMIZATION.test(name),
    files: MAX_FOLDER_FILES,
    bytes: MAX_SIBLING_BYTES,
    what: 'Terraform file',
  },
  manifests: { name: (name: string) => /\.ya?ml$/i.test(name), files: 64, bytes: 256 * 1024, what: 'manifest' },
};

/** Whether any read of a folder (Terraform files, kustomization, manifests) may take a file of this name. */
export function mayBeReadBeside(name: string): boolean {
  return WANTED.terraform.name(name) || WANTED.manifests.name(name);
}

/**
 * Reads `.tf` files near a scanned one: called with a file, the other `.tf` files of its folder
 * (its Terraform module, for provider `default_tags`) and its folder's kustomization (labels it
 * adds to the manifests it lists); `folder(dir)`, the `.tf` files of a folder
 * (a local module a `module` block calls, for the owner tags its identities take from their
 * caller); `manifests(file)`, the other YAML files of a manifest's folder (the RBAC bindings that
 * give a workload's ServiceAccount its rights often sit in a file beside the workload).
 */
export interface TerraformFileReader {
  (file: string): TerraformFiles;
  /** The `.tf` files of `dir` (relative to the root, or absolute); none when it leads out of the root. */
  folder(dir: string): TerraformFiles;
  /** The other YAML files of a manifest's folder (RBAC bindings that give a workload's account its rights). */
  manifests(file: string): TerraformFiles;
}

/**
 * Reads Terraform files below `root`; paths handed to the engine are relative to it. With
 * `cache`, each folder is read once (an audit); without, files are re-read only when their mtime
 * or size changed (an editor, where they change while the server runs).
 */
export function terraformSiblingReader(root: string, cache = true): TerraformFileReader {
  const folders = new Map<string, TerraformFiles>();
  const known = new Map<string, { mtimeMs: number; size: number; text: string }>();
  const read = (p: string, stat: fs.Stats, what: string): string => {
    const hit = known.get(p);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.text;
    const text = readSettingsFile(p, what, MAX_SIBLING_BYTES);
    if (known.size >= 1000) known.clear(); // bounded memory in a long editor session
    known.set(p, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  };
  const filesOf = (dir: string, kind: keyof typeof WANTED = 'terraform'): TerraformFiles => {
    const key = `${kind}\0${dir}`;
    let files = cache ? folders.get(key) : undefined;
    if (!files) {
      files = [];
      let bytes = 0;
      try {
        for (const name of fs.readdirSync(dir)) {
          if (!WANTED[kind].name(name)) continue;
          if (files.length >= WANTED[kind].files || bytes >= MAX_FOLDER_BYTES) break;
          const p = path.join(dir, name);
          try {
            // lstat: a link is not followed (it may lead out of the workspace), a FIFO never opened.
            const stat = fs.lstatSync(p);
            if (stat.isFile() && stat.size <= WANTED[kind].bytes) {
              files.push({ path: p, text: read(p, stat, WANTED[kind].what) });
              bytes += stat.size;
            }
          } catch {
            /* gone, unreadable or swapped meanwhile: not a sibling */
          }
        }
      } catch {
        /* unreadable folder: no sibling defaults */
      }
      if (cache) folders.set(key, files);
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
    manifests: (file: string): TerraformFiles => {
      const absolute = path.resolve(root, file);
      return filesOf(path.dirname(absolute), 'manifests').filter((f) => f.path !== absolute);
    },
    folder: (dir: string): TerraformFiles => {
      const absolute = path.resolve(root, dir);
      return inside(absolute) ? filesOf(absolute).filter((f) => f.path.endsWith('.tf')) : [];
    },
  });
}
