/**
 * Static guard against catastrophic backtracking for the built-in patterns, which run on V8's
 * backtracking engine; they also pass the recheck analyser in the test suite. A workspace's own
 * patterns are not judged here: a heuristic can misjudge one (`^(a+)+$` on a 31-character line
 * took the server 56 s), so they run on a linear-time engine instead (engine/rules/linearRegex.ts).
 */

/** A quantifier with no upper bound: `*`, `+`, `{n,}`. */
const UNBOUNDED = /(?<!\\)(?:[*+]|\{\d+,\})/;

/** The pattern with escapes and character classes blanked, where `*`, `+` and `{` are literal characters. */
export function quantifierSkeleton(pattern: string): string {
  return pattern.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
}

/** True when some quantifier in the pattern has no upper bound. */
export function hasUnboundedQuantifier(pattern: string): boolean {
  return UNBOUNDED.test(quantifierSkeleton(pattern));
}

/**
 * Why a built-in pattern is refused, or an empty list: every quantifier needs an upper bound.
 * (A workspace's own patterns run on a linear-time engine instead: engine/rules/linearRegex.ts.)
 */
export function patternSafetyProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (hasUnboundedQuantifier(pattern)) problems.push('has an unbounded quantifier (*, + or {n,}): give it an upper bound such as {1,64}');
  return problems;
}
