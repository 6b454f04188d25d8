/**
 * A line too long for the line memo (a minified bundle is one 1 MB line) changes with every
 * keystroke, but only around the edit. A one-line regex rule's matches there are re-found by
 * running the regex again over the edited part only: an attempt at position p reads no further
 * than [p - behind, p + ahead] (engine/rules/patternReach.ts), so
 * - the old matches whose attempts ended before the edit are kept as they were;
 * - the regex resumes where the last kept match ended, exactly as a fresh scan would;
 * - once it finds a match past the edit (its reads all in the unchanged tail) that the old scan
 *   also found at the same shifted place, every later match is the old one shifted: the regex
 *   is in the same state over the same text from there.
 * So the result is always the fresh scan's, and the work is the edit plus the rule's reach.
 */
import type { LineCandidate } from './lineMemo';
import type { PatternMatch, RulePattern } from '../rules/rulePattern';
import type { LineAssignments } from './longLineAssignments';

/** One match of a global regex over the line: where it was found, where the next search starts, and what it yielded. */
export interface RegexPass {
  index: number;
  next: number;
  found?: LineCandidate;
}

/** The text of a long line as last scanned and each regex rule's passes over it. */
export interface LongLineState {
  lineStart: number;
  text: string;
  passes: Map<number, RegexPass[]>;
  /** The line's assignments, for the assignment rules (longLineAssignments.ts), once one has run on it. */
  assignments?: LineAssignments;
}

/** Where two texts differ: the length of their common prefix and of their common suffix (not overlapping). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  // Blocks first (string comparison of slices is a memory compare), then character by character.
  for (let step = 4096; step >= 1; step = step >> 3) {
    while (prefix + step <= max && a.slice(prefix, prefix + step) === b.slice(prefix, prefix + step)) prefix += step;
  }
  let suffix = 0;
  const room = max - prefix;
  for (let step = 4096; step >= 1; step = step >> 3) {
    while (
      suffix + step <= room &&
      a.slice(a.length - suffix - step, a.length - suffix) === b.slice(b.length - suffix - step, b.length - suffix)
    )
      suffix += step;
  }
  return { prefix, suffix };
}

/** Every pass of `re` over `line` from `from`, as a fresh scan makes them; `yields` turns a match into a candidate. */
export function passesFrom(
  re: RulePattern,
  line: string,
  from: number,
  yields: (m: PatternMatch) => LineCandidate | undefined,
  out: RegexPass[],
): void {
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].length === 0) re.lastIndex++;
    out.push({ index: m.index, next: re.lastIndex, found: yields(m) });
  }
}

/** The passes of `re` over `line`, reusing those over `old` (the same rule's passes over the line as it was). */
export function rematch(
  re: RulePattern,
  reach: { ahead: number; behind: number },
  old: { text: string; passes: RegexPass[] },
  line: string,
  yields: (m: PatternMatch) => LineCandidate | undefined,
  ends = commonEnds(old.text, line),
): RegexPass[] {
  const { prefix, suffix } = ends;
  const delta = line.length - old.text.length;
  const passes = old.passes;
  // Passes whose attempts read only the unchanged head are the old ones.
  let kept = 0;
  while (kept < passes.length && passes[kept].index + reach.ahead <= prefix) kept++;
  const out = passes.slice(0, kept);
  // The search resumes after the last kept pass; attempts that read only the head failed before
  // (the next old pass starts later), so it skips to the first attempt that reads the edit.
  let q = Math.max(kept ? passes[kept - 1].next : 0, prefix - reach.ahead + 1);
  // A search from here on reads only the unchanged tail: it is the old search, shifted.
  const syncFrom = line.length - suffix + reach.behind;
  // Up to syncFrom the regex runs over a copy cut where those attempts stop reading.
  const head = line.slice(0, Math.min(line.length, syncFrom + reach.ahead));
  let k = kept;
  for (;;) {
    if (q >= syncFrom) {
      // The old search from the same place: it found the first old pass at or after it, if no
      // old match covered the place (a search never starts inside a match).
      const at = q - delta;
      while (k < passes.length && passes[k].index < at) k++;
      if (k === 0 || passes[k - 1].next <= at) {
        for (let t = k; t < passes.length; t++) out.push(shifted(passes[t], delta));
        return out;
      }
    }
    const bounded = q < syncFrom;
    re.lastIndex = q;
    const m = re.exec(bounded ? head : line);
    if (!m || (bounded && m.index > syncFrom)) {
      if (!bounded) return out;
      q = syncFrom + 1; // every attempt up to syncFrom failed
      continue;
    }
    if (m[0].length === 0) re.lastIndex++;
    out.push({ index: m.index, next: re.lastIndex, found: yields(m) });
    q = re.lastIndex;
  }
}

function shifted(pass: RegexPass, delta: number): RegexPass {
  const f = pass.found;
  return {
    index: pass.index + delta,
    next: pass.next + delta,
    found: f && { ...f, start: f.start + delta, end: f.end + delta },
  };
}
