/**
 * Static guards against catastrophic backtracking, for every pattern a rule runs over file
 * content. Built-in patterns also pass the recheck analyser in the test suite; a workspace's
 * own rules are checked here, at load time, because the CLI in CI and a trusted editor run
 * them on every file: `^(a+)+$` on a 31-character line took the server 56 s.
 */

/** A quantifier with no upper bound: `*`, `+`, `{n,}`. */
const UNBOUNDED = /(?<!\\)(?:[*+]|\{\d+,\})/;
/** Largest repeat count a workspace rule may ask for. */
export const CUSTOM_MAX_REPEAT = 1024;

/** The pattern with escapes and character classes blanked, where `*`, `+` and `{` are literal characters. */
export function quantifierSkeleton(pattern: string): string {
  return pattern.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
}

/** True when some quantifier in the pattern has no upper bound. */
export function hasUnboundedQuantifier(pattern: string): boolean {
  return UNBOUNDED.test(quantifierSkeleton(pattern));
}

/** True when a repeated group itself contains a repeat (`(a{1,9}){1,9}`): work multiplies. `?` outside does not count. */
export function hasNestedRepeat(pattern: string): boolean {
  const s = quantifierSkeleton(pattern);
  const stack: boolean[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const repeated = /^(?:[*+]|\{\d+,\d*\}|\{\d+\})/.exec(s.slice(i + 1));
      const multiplies = repeated && !/^\{[01](?:,1)?\}$/.test(repeated[0]);
      if (inner && multiplies) return true;
      if (stack.length && (inner || multiplies)) stack[stack.length - 1] = true;
    } else if (stack.length && /[*+{]/.test(c) && s[i - 1] !== '(') stack[stack.length - 1] = true;
  }
  return false;
}

/** The largest repeat count the pattern asks for (`{1,5000}` → 5000). */
export function largestRepeat(pattern: string): number {
  let max = 0;
  for (const m of quantifierSkeleton(pattern).matchAll(/\{(\d+)(?:,(\d*))?\}/g)) max = Math.max(max, Number(m[2] || m[1]));
  return max;
}

/**
 * Why a pattern is refused, or an empty list. Every rule needs bounded quantifiers; a
 * workspace's own rules (`custom`) also may not nest repeats or repeat more than CUSTOM_MAX_REPEAT times.
 */
export function patternSafetyProblems(pattern: string, custom: boolean): string[] {
  const problems: string[] = [];
  if (hasUnboundedQuantifier(pattern)) problems.push('has an unbounded quantifier (*, + or {n,}): give it an upper bound such as {1,64}');
  if (custom && hasNestedRepeat(pattern)) problems.push('repeats a group that itself repeats (catastrophic backtracking): flatten it');
  if (custom && largestRepeat(pattern) > CUSTOM_MAX_REPEAT) problems.push(`repeats more than ${CUSTOM_MAX_REPEAT} times`);
  return problems;
}
