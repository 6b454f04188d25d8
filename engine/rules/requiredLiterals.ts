import { requiredFragment } from './requiredFragments';

/**
 * Strings that every match of a regex holds: runs of literal characters the pattern requires,
 * outside any alternation, optional part or lookaround. A line or window without one of them
 * cannot match, so the secret scanner tests for them (a substring search) before it runs the
 * regex: the URL-credentials rule runs on every line with `://` and needs an `@`, which few URLs
 * have; each failed attempt of the regex itself starts at every letter of the line.
 *
 * The reading is conservative: whatever it does not understand (a back-reference, an unknown
 * escape, a `u` or `v` flag, unbalanced parentheses) ends a run, or gives no strings at all. An
 * empty list is always a correct answer; a string that some match lacks never is.
 */
export function requiredLiterals(source: string, flags = ''): string[] {
  if (/[uv]/.test(flags)) return [];
  const reader = new Reader(source);
  const top = reader.alternatives();
  // Anything but a clean read to the end (a `)` too many, or a construct given up on) gives nothing.
  if (reader.i !== source.length || top === undefined) return [];
  // A run that is part of a longer one is tested by that one.
  const unique = [...new Set(top)].filter((s) => s.length > 0);
  return unique.filter((s, i) => !unique.some((t, j) => j !== i && t.length > s.length && t.includes(s)));
}

/**
 * What the prefilter reads from a pattern: its required strings and required fragment. Reading
 * every built-in pattern took 39 ms of each thread's first scans (each audit worker's too), so
 * the build reads the built-in ones ahead (build/compileBuiltinRules.ts) and hands them over.
 * Both readings depend on the flags only through `u` and `v`, which the tool's own rules never set.
 */
export interface PatternReading {
  literals: string[];
  fragment?: string;
}

/** Reads `pattern` as the prefilter does (see PatternReading). */
export function readPattern(pattern: string, flags = ''): PatternReading {
  const fragment = requiredFragment(pattern, flags);
  return fragment === undefined ? { literals: requiredLiterals(pattern, flags) } : { literals: requiredLiterals(pattern, flags), fragment };
}

/** Readings of patterns done ahead, by pattern text (flags without `u` or `v`). */
export type PatternReadings = ReadonlyMap<string, PatternReading>;

/** Where one required string first occurs wholly inside [from, to) of a text (-1: nowhere there). */
interface LiteralFinder {
  /** The string, as the pattern has it. */
  literal: string;
  length: number;
  /** Found in any ASCII letter case (the pattern's `i` flag). */
  caseless: boolean;
  next(text: string, from: number, to: number): number;
}

/**
 * Where a string occurs in a text, in any ASCII letter case: the offsets of its last characters,
 * in text order (what the secret scanner's keyword pass saw of its window literals); undefined
 * when not known.
 */
export type Occurrences = (lowerCased: string) => readonly number[] | undefined;

/**
 * Quick tests that a text may hold a match of a rule's pattern: whether it holds each of the
 * pattern's required strings, but those every one of the rule's keywords holds (the scanner runs
 * a rule only on text holding one of its keywords, which its keyword pass matched in any ASCII
 * letter case). With the `i` flag a string with letters is searched case-insensitively, as the
 * pattern reads it (in a pattern without the `u` flag a character only ever matches one of the
 * same length, so an occurrence is as long as the string).
 */
export class LiteralPrefilter {
  private constructor(
    private readonly finders: LiteralFinder[],
    /** A pattern of top-level alternatives: what every match holds (requiredFragments.ts), for one-line tests only. */
    private readonly fragment?: RegExp,
  ) {}

  /**
   * The prefilter of `pattern`, or undefined when there is nothing worth testing; `ahead`, the
   * pattern's reading done at build time (see PatternReading).
   */
  static of(pattern: string, flags: string, keywords: readonly string[], ahead?: PatternReading): LiteralPrefilter | undefined {
    const reading = ahead && !/[uv]/.test(flags) ? ahead : readPattern(pattern, flags);
    const caseless = flags.includes('i');
    const lowered = keywords.map((k) => k.toLowerCase());
    const finders: LiteralFinder[] = [];
    for (const literal of reading.literals) {
      const asciiPunctuation = /^[^A-Za-z\u0080-\uffff]+$/.test(literal); // no letter to fold
      const implied = lowered.length > 0 && (caseless || asciiPunctuation) && lowered.every((k) => k.includes(literal.toLowerCase()));
      if (implied) continue;
      // Searched in a slice (V8 makes no copy): a search never reads past the window it is for.
      const within = (text: string, from: number, to: number) => (from === 0 && to === text.length ? text : text.slice(from, to));
      if (!caseless || asciiPunctuation)
        finders.push({
          literal,
          length: literal.length,
          caseless: false,
          next: (text, from, to) => {
            const at = within(text, from, to).indexOf(literal);
            return at < 0 ? -1 : from + at;
          },
        });
      else {
        const re = new RegExp(literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'i');
        finders.push({
          literal,
          length: literal.length,
          caseless: true,
          next: (text, from, to) => {
            const at = within(text, from, to).search(re);
            return at < 0 ? -1 : from + at;
          },
        });
      }
    }
    const fragment = reading.fragment;
    // Not worth a test when every keyword holds a match of it (in some letter case: a keyword line
    // may spell it in another case than the pattern, but that is rare), as with most provider rules.
    const anyCase = fragment === undefined ? undefined : new RegExp(fragment, 'i');
    const fragmentRegex =
      fragment === undefined || (lowered.length > 0 && lowered.every((k) => anyCase!.test(k)))
        ? undefined
        : new RegExp(fragment, flags.replace(/[gdy]/g, ''));
    return finders.length || fragmentRegex ? new LiteralPrefilter(finders, fragmentRegex) : undefined;
  }

  /** False when `text` lacks one of the required strings, or the required fragment (no match in it then). */
  mayMatch(text: string): boolean {
    for (const finder of this.finders) if (finder.next(text, 0, text.length) < 0) return false;
    return this.fragment === undefined || this.fragment.test(text);
  }

  /**
   * Tests of windows of one text, met in text order: each string is looked for once per
   * occurrence, not once per window. The required fragment is not tested there (a match of it has
   * no fixed length to fit in a window).
   */
  windows(text: string, occurrences?: Occurrences): LiteralWindows {
    if (!occurrences) return new LiteralWindows(text, this.finders);
    return new LiteralWindows(
      text,
      this.finders.map((finder) => {
        const ends = occurrences(finder.literal.toLowerCase());
        return ends ? fromOccurrences(finder, ends) : finder;
      }),
    );
  }
}

/**
 * A finder that reads a string's known occurrences rather than the text: a multiline rule's
 * window literals are keywords of the secret scanner, whose keyword pass found each occurrence
 * already, in any ASCII letter case, which is what a case-insensitive search of such a string
 * finds (without the `u` flag, `i` folds no other character onto an ASCII letter). A
 * case-sensitive string is checked in the text at each occurrence.
 */
function fromOccurrences(finder: LiteralFinder, ends: readonly number[]): LiteralFinder {
  const { literal, length, caseless } = finder;
  return {
    literal,
    length,
    caseless,
    next: (text, from, to) => {
      // The first occurrence starting at `from` or later: ending at `from + length - 1` or later.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid] < from + length - 1) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < ends.length && ends[k] < to; k++) {
        const start = ends[k] - length + 1;
        if (caseless || text.startsWith(literal, start)) return start;
      }
      return -1;
    },
  };
}

/**
 * The prefilter over windows of one text (a multiline rule's windows, which overlap). Per
 * required string it knows a stretch [from, clear) where no occurrence starts, and whether one
 * starts at `clear` (`at`): a window met after the last one is searched only past what is known,
 * so windows met in text order read the text about once; no search reads past its window.
 */
export class LiteralWindows {
  private readonly from: number[];
  private readonly clear: number[];
  /** `clear` when an occurrence starts there, else -1. */
  private readonly at: number[];

  constructor(
    private readonly text: string,
    private readonly finders: LiteralFinder[],
  ) {
    this.from = finders.map(() => 0);
    this.clear = finders.map(() => 0);
    this.at = finders.map(() => -1);
  }

  /** False when [start, end) of the text lacks one of the required strings. */
  mayMatch(start: number, end: number): boolean {
    for (let k = 0; k < this.finders.length; k++) {
      const { length } = this.finders[k];
      let at = this.at[k];
      const known = start >= this.from[k] && start <= this.clear[k];
      if (!(known && at >= start)) {
        // Nothing starts in [start, clear) when `start` is in the known stretch: search past it.
        const searchFrom = known ? this.clear[k] : start;
        at = this.finders[k].next(this.text, searchFrom, end);
        this.from[k] = start;
        this.at[k] = at;
        this.clear[k] = at >= 0 ? at : Math.max(searchFrom, end - length + 1);
      }
      if (at < 0 || at + length > end) return false;
    }
    return true;
  }
}

/** What an atom is, for the sequence reading it. */
type Atom =
  | { kind: 'char'; char: string }
  /** A group without a top-level alternation: the strings every match of it holds. */
  | { kind: 'group'; required: string[] }
  /** Zero-width (`^`, `$`, `\b`, a lookaround) or anything else that holds no known string. */
  | { kind: 'other' };

/** Quantifier bounds; `{ min: 1, max: 1 }` when there is none. */
interface Repeat {
  min: number;
  max: number;
}

const ONCE: Repeat = { min: 1, max: 1 };

/** Escapes that stand for one known character (outside a class). */
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

class Reader {
  i = 0;
  constructor(private readonly s: string) {}

  /** `a|b|c` up to an unmatched `)` or the end; undefined (nothing known) when there is more than one alternative. */
  alternatives(): string[] | undefined {
    const first = this.sequence();
    let alternatives = 1;
    while (this.s[this.i] === '|') {
      this.i++;
      this.sequence();
      alternatives++;
    }
    return alternatives === 1 ? first : undefined;
  }

  private sequence(): string[] {
    const found: string[] = [];
    let run = '';
    const flush = () => {
      if (run) found.push(run);
      run = '';
    };
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      const repeat = this.quantifier();
      if (atom.kind === 'char') {
        if (repeat.min === 0) flush();
        else if (repeat.max === 1) run += atom.char;
        else {
          // `ab+c`: a match holds "ab" and, after the last "b", "bc".
          run += atom.char;
          flush();
          run = atom.char;
        }
      } else {
        flush();
        if (atom.kind === 'group' && repeat.min > 0) found.push(...atom.required);
      }
    }
    flush();
    return found;
  }

  private atom(): Atom {
    const s = this.s;
    const c = s[this.i];
    if (c === '\\') return this.escape();
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      // No special case for a `]` right after `[`: in JavaScript `[]` is a class of its own.
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (this.i >= s.length)
        this.i = s.length + 1; // unterminated: not understood
      else this.i++;
      return { kind: 'other' };
    }
    if (c === '(') {
      this.i++;
      let look = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        look = true;
        this.i += 2;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        look = true;
        this.i += 3;
      } else if (s.startsWith('?<', this.i)) {
        const close = s.indexOf('>', this.i);
        if (close < 0) {
          this.i = s.length + 1;
          return { kind: 'other' };
        }
        this.i = close + 1;
      } else if (s[this.i] === '?') {
        // A group syntax not known here (modifiers): not understood.
        this.i = s.length + 1;
        return { kind: 'other' };
      }
      const inner = this.alternatives();
      if (s[this.i] !== ')') {
        this.i = s.length + 1;
        return { kind: 'other' };
      }
      this.i++;
      return look || inner === undefined ? { kind: 'other' } : { kind: 'group', required: inner };
    }
    this.i++;
    if (c === '^' || c === '$' || c === '.') return { kind: 'other' };
    // A quantifier with nothing before it, or a stray `]`/`}`: read as syntax, not as a character.
    if (c === '*' || c === '+' || c === '?' || c === ']' || c === '}' || c === '{') return { kind: 'other' };
    return { kind: 'char', char: c };
  }

  private escape(): Atom {
    const s = this.s;
    const c = s[this.i + 1];
    this.i += 2;
    if (c === undefined) {
      this.i = s.length + 1;
      return { kind: 'other' };
    }
    if (CONTROL[c]) return { kind: 'char', char: CONTROL[c] };
    // Punctuation stands for itself.
    if (/[\\^$.*+?()[\]{}|/\-:=!<>,#&~'"`@%;_ ]/.test(c)) return { kind: 'char', char: c };
    if (c === 'x' && /^[0-9A-Fa-f]{2}$/.test(s.slice(this.i, this.i + 2))) {
      const char = String.fromCharCode(parseInt(s.slice(this.i, this.i + 2), 16));
      this.i += 2;
      return { kind: 'char', char };
    }
    if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(s.slice(this.i, this.i + 4))) {
      const char = String.fromCharCode(parseInt(s.slice(this.i, this.i + 4), 16));
      this.i += 4;
      return { kind: 'char', char };
    }
    // Classes (\d \w \s …), assertions (\b \B), back-references, \0, \c, \k<…>: no known character.
    if (c === 'k' && s[this.i] === '<') {
      const close = s.indexOf('>', this.i);
      this.i = close < 0 ? s.length + 1 : close + 1;
    } else if (c === 'c' && /[A-Za-z]/.test(s[this.i] ?? '')) this.i++;
    return { kind: 'other' };
  }

  private quantifier(): Repeat {
    const s = this.s;
    const c = s[this.i];
    let repeat: Repeat;
    if (c === '*') repeat = { min: 0, max: Infinity };
    else if (c === '+') repeat = { min: 1, max: Infinity };
    else if (c === '?') repeat = { min: 0, max: 1 };
    else if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i, this.i + 24));
      if (!q) return ONCE; // a literal `{`: read as the next atom
      const min = Number(q[1]);
      repeat = { min, max: q[2] === undefined ? min : q[3] === '' ? Infinity : Number(q[3]) };
      this.i += q[0].length - 1;
    } else return ONCE;
    this.i++;
    if (s[this.i] === '?') this.i++; // lazy
    return repeat;
  }
}
