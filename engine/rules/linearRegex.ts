import type * as Re2js from 're2js';
import type { Matcher, RE2JS } from 're2js';
import { patternReach } from './patternReach';
import type { PatternMatch, RulePattern } from './rulePattern';
import { LinearSyntaxError, MATCH_GROUP, toRe2Syntax } from './re2Syntax';

type Re2Module = typeof Re2js;
// Loaded on first use: only a workspace with its own rules needs it (a few ms of start-up otherwise).
let re2: Re2Module | undefined;
export function re2Module(): Re2Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (re2 ??= require('re2js') as Re2Module);
}

/**
 * Compiles a JavaScript pattern (flags: any of `d`, `g`, `i`) to run on RE2 (the re2js port):
 * matching takes time linear in the text. Throws LinearSyntaxError naming the construct when
 * RE2 cannot express the pattern (see re2Syntax.ts); the message never quotes scanned text.
 */
export function compileLinear(pattern: string, flags: string): RulePattern {
  const translated = toRe2Syntax(pattern);
  const { RE2JS: Re2 } = re2Module();
  const options = (flags.includes('i') ? Re2.CASE_INSENSITIVE : 0) | (translated.lookbehind ? Re2.LOOKBEHINDS : 0);
  let compiled: RE2JS;
  try {
    compiled = Re2.compile(translated.syntax, options);
  } catch (error) {
    // RE2's reason, such as "invalid repeat count" (RE2 allows at most 1000) or "expression too large".
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '').replace(/: `.*$/s, '');
    throw new LinearSyntaxError(`cannot be compiled by the linear-time engine: ${reason}`);
  }
  // A match attempt at p reads back at most `behind` characters: matching from a later start needs
  // only the text from there (re2js would otherwise work its lookbehinds out from the line's start).
  const behind = translated.lookbehind ? patternReach(pattern).behind : 0;
  return new LinearRegex(pattern, compiled, flags.includes('g'), translated.matchGroup, behind);
}

/** A RulePattern over an RE2 program: RegExp's exec/test/lastIndex behaviour, positions in UTF-16 units. */
class LinearRegex implements RulePattern {
  lastIndex = 0;
  private readonly names: string[];

  constructor(
    readonly source: string,
    private readonly re: RE2JS,
    private readonly global: boolean,
    private readonly matchGroup: boolean,
    private readonly behind: number,
  ) {
    this.names = Object.keys(re.matcher('').namedGroups).filter((name) => name !== MATCH_GROUP);
  }

  exec(text: string): PatternMatch | null {
    const from = this.global ? this.lastIndex : 0;
    const found = from <= text.length ? this.find(text, from) : undefined;
    if (!found) {
      if (this.global) this.lastIndex = 0;
      return null;
    }
    const { matcher, base } = found;
    const index = base + matcher.start();
    const end = base + (this.matchGroup ? matcher.end(MATCH_GROUP) : matcher.end());
    const groups: Record<string, string | undefined> = {};
    const spans: Record<string, [number, number] | undefined> = {};
    for (const name of this.names) {
      const start = matcher.start(name);
      if (start < 0) {
        groups[name] = undefined;
        spans[name] = undefined;
      } else {
        const stop = matcher.end(name);
        groups[name] = text.slice(base + start, base + stop);
        spans[name] = [base + start, base + stop];
      }
    }
    if (this.global) this.lastIndex = end;
    const names = this.names.length > 0;
    return { index, 0: text.slice(index, end), groups: names ? groups : undefined, indices: { groups: names ? spans : undefined } };
  }

  test(text: string): boolean {
    // A global RegExp's test starts at lastIndex and moves it, as exec does.
    return this.global ? this.exec(text) !== null : this.re.test(text);
  }

  /** The first match at or after `from`, in `text` or in the part of it from `base` on. */
  private find(text: string, from: number): { matcher: Matcher; base: number } | undefined {
    // Most lines a rule looks at hold no match: RE2's DFA says so without tracking groups, faster.
    if (from === 0 && !this.re.test(text)) return undefined;
    const base = this.behind > 0 && this.behind !== Infinity ? Math.max(0, from - this.behind) : 0;
    const matcher = this.re.matcher(base ? text.slice(base) : text);
    return matcher.find(from - base) ? { matcher, base } : undefined;
  }
}

export { LinearSyntaxError };
