import { compileLinear } from './linearRegex';

/** One match of a rule pattern: the part of RegExpExecArray the scanner reads. */
export interface PatternMatch {
  readonly index: number;
  readonly 0: string;
  readonly groups?: Readonly<Record<string, string | undefined>>;
  readonly indices?: { readonly groups?: Readonly<Record<string, readonly [number, number] | undefined>> };
}

/**
 * A compiled rule pattern as the secret scanner uses it: `exec` from `lastIndex` when global (the
 * `g` flag), `test`, named groups and their spans (`d`). Built-in patterns, vetted when the rules
 * are built, are V8 RegExps; a workspace's own patterns run on a linear-time engine
 * (linearRegex.ts), so no pattern from a repository can make a match run for minutes.
 */
export interface RulePattern {
  readonly source: string;
  lastIndex: number;
  exec(text: string): PatternMatch | null;
  test(text: string): boolean;
}

/** Where a rule comes from decides its engine: `workspace` rules (from `.nhi-lens.yaml`) run in linear time. */
export type RuleOrigin = 'builtin' | 'workspace';

/** `flags`: any of `d`, `g`, `i`. Throws on a pattern the chosen engine cannot compile. */
export function compileRulePattern(pattern: string, flags: string, origin: RuleOrigin): RulePattern {
  return origin === 'workspace' ? compileLinear(pattern, flags) : new RegExp(pattern, flags);
}
