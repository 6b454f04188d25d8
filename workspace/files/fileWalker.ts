import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders never worth scanning: version-control internals and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', '__pycache__', '.terraform', '.tox', '.mypy_cache']);

export interface WalkOptions {
  /** Folder that finding paths are made relative to. */
  root: string;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Extra exclusion on root-relative POSIX paths (config `paths.ignore`). */
  isIgnored?: (relativePath: string) => boolean;
}

export interface WalkedFile {
  absolute: string;
  relative: string;
  size: number;
}

interface Layer {
  base: string;
  rules: Ignore;
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

/** .gitignore files of the enclosing repository above `dir` (outermost first). */
function ancestorLayers(dir: string): Layer[] {
  const layers: Layer[] = [];
  let current = path.dirname(dir);
  for (let i = 0; i < 30 && current !== path.dirname(current); i++, current = path.dirname(current)) {
    const rules = readGitignore(current);
    if (rules) layers.unshift({ base: current, rules });
    if (fs.existsSync(path.join(current, '.git'))) return layers;
  }
  return []; // not inside a repository: ignore files above the root do not apply
}

function ignoredBy(layers: Layer[], absolute: string, isDir: boolean): boolean {
  for (const { base, rules } of layers) {
    const rel = path.relative(base, absolute).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/') || path.basename(absolute);
}

/**
 * Yields the files under the given paths, depth first, without following symbolic links.
 * Files named explicitly are always yielded (unless the config ignores them).
 */
export function* walkFiles(targets: string[], options: WalkOptions): Generator<WalkedFile> {
  const useGitignore = options.gitignore !== false;
  const seen = new Set<string>();
  for (const target of targets) {
    const absolute = path.resolve(target);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(absolute);
    } catch {
      throw new Error(`${target}: no such file or directory`);
    }
    if (stat.isFile()) {
      const relative = toRelative(options.root, absolute);
      if (!seen.has(absolute) && !options.isIgnored?.(relative)) {
        seen.add(absolute);
        yield { absolute, relative, size: stat.size };
      }
      continue;
    }
    if (!stat.isDirectory()) continue;
    const layers = useGitignore ? ancestorLayers(absolute) : [];
    yield* walkDirectory(absolute, layers, options, useGitignore, seen);
  }
}

function* walkDirectory(
  dir: string,
  parentLayers: Layer[],
  options: WalkOptions,
  useGitignore: boolean,
  seen: Set<string>,
): Generator<WalkedFile> {
  const own = useGitignore ? readGitignore(dir) : undefined;
  const layers = own ? [...parentLayers, { base: dir, rules: own }] : parentLayers;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || ignoredBy(layers, absolute, true)) continue;
      if (options.isIgnored?.(`${toRelative(options.root, absolute)}/`)) continue;
      yield* walkDirectory(absolute, layers, options, useGitignore, seen);
    } else if (entry.isFile()) {
      if (ignoredBy(layers, absolute, false)) continue;
      const relative = toRelative(options.root, absolute);
      if (options.isIgnored?.(relative) || seen.has(absolute)) continue;
      seen.add(absolute);
      let size = 0;
      try {
        size = fs.statSync(absolute).size;
      } catch {
        continue;
      }
      yield { absolute, relative, size };
    }
  }
}
