import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuleError } from '../../engine/rules/ruleTypes';

/** The real path of `file`, or of its nearest existing ancestor joined with the rest (the file may not exist yet). */
function realPathOf(file: string): string {
  const missing: string[] = [];
  let at = path.resolve(file);
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(file);
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/** True when `file`, links resolved, lies inside `folder` (links resolved too). */
export function isInsideFolder(folder: string, file: string): boolean {
  const rel = path.relative(realPathOf(folder), realPathOf(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * A path a repository's config names (its baseline), resolved against the config's folder and
 * kept inside the workspace: a config cannot make nhi-lens read, or the baseline action
 * overwrite, a file elsewhere on the machine.
 */
export function workspacePath(root: string, configDir: string, relative: string, what: string): string {
  const file = path.resolve(configDir, relative);
  if (!isInsideFolder(root, file)) throw new RuleError([`${what} "${relative}" is outside the workspace: not used`]);
  return file;
}
