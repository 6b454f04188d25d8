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

/** Hands the engine the IAM table when a policy is first analysed (the workspace layer reads it). */
export type IamDataLoader = () => CompactIamData | undefined;

/** AWS IAM actions by service, loaded on first use (IaC policies only, never on the secret path). */
export class IamActions {
  private static readonly byLoader = new WeakMap<IamDataLoader, IamActions>();
  private readonly parsed = new Map<string, IamAction[]>();
  private readonly expanded = new Map<string, IamAction[]>();
  private loaded = false;
  private table: CompactIamData | undefined;

  /** `data` is the table itself or a loader called on first use (the table is large). */
  constructor(private readonly data: CompactIamData | IamDataLoader | undefined) {}

  /** One instance per loader, so every engine built with it shares the parsed and expanded actions. */
  static of(loader: IamDataLoader | undefined): IamActions {
    if (!loader) return new IamActions(undefined);
    let actions = IamActions.byLoader.get(loader);
    if (!actions) IamActions.byLoader.set(loader, (actions = new IamActions(loader)));
    return actions;
  }

  private get tableData(): CompactIamData | undefined {
    if (!this.loaded) {
      this.loaded = true;
      try {
        this.table = typeof this.data === 'function' ? this.data() : this.data;
      } catch {
        this.table = undefined; // level-based checks go quiet; the others still run
      }
    }
    return this.table;
  }

  /** False when no action data could be found: level-based checks then stay silent. */
  get available(): boolean {
    return !!this.tableData;
  }

  serviceActions(service: string): IamAction[] {
    const key = service.toLowerCase();
    let list = this.parsed.get(key);
    if (!list) {
      const raw = this.tableData?.[key];
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
