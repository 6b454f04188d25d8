/**
 * A workspace's own rules are written in JavaScript regex syntax (the rule format's, as the
 * built-in rules are) but run on a linear-time engine, RE2 (see linearRegex.ts): a match
 * then costs time proportional to the text, whatever the pattern. This module rewrites a
 * JavaScript pattern (no `u` flag) into RE2 syntax with the JavaScript meaning, or names the
 * construct RE2 cannot express.
 *
 * Meanings kept: `.` stops at \n, \r, U+2028 and U+2029; `\s` is JavaScript's whitespace
 * (Unicode spaces, \v, BOM), not RE2's ASCII one; `\uXXXX`, `\xXX`, `\cX`, `\0`; identity
 * escapes such as `\a` are the letter; `[` inside a class is literal (RE2 would read `[:alpha:]`).
 *
 * Lookbehinds run on RE2's linear-time lookbehind support. Lookaheads do not exist in RE2, but
 * the one a secret pattern almost always ends with (`(?![A-Za-z0-9])`, "the token stops here")
 * has an exact linear equivalent: a final lookahead is matched as a consuming part after the
 * rest, the rest in a group whose span is reported as the match (MATCH_GROUP). RE2's
 * leftmost-first order tries the rest's ways of matching in the same order as JavaScript's
 * backtracking, so the same match wins with the same groups. A final positive lookahead
 * `(?=X)` becomes `X`; a final negative one must look at one character, `(?!C)` becomes
 * `(?:[^C]|$)`. Lookaheads anywhere else, and back-references, are refused.
 */

/** Name of the group that spans the match as JavaScript reports it, when a final lookahead became consuming. */
export const MATCH_GROUP = 'nhi_lens_match';

/** JavaScript's `\s` (WhiteSpace and LineTerminator), as the inside of an RE2 class. */
const SPACE = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
/** What JavaScript's `.` does not match (no `s` flag), as the inside of an RE2 class. */
const LINE_TERMINATORS = '\\n\\r\\x{2028}\\x{2029}';
/** Every character: a class for JavaScript's `[^]`; its negation is JavaScript's `[]`. */
const ANY = '\\x{0}-\\x{10ffff}';

export interface Re2Pattern {
  /** The pattern in RE2 syntax. */
  syntax: string;
  /** True when the reported match is the MATCH_GROUP group (a final lookahead was made consuming). */
  matchGroup: boolean;
  /** True when the pattern has lookbehinds (RE2 needs them enabled). */
  lookbehind: boolean;
}

/** A construct a linear-time engine cannot run; the message names it (and never quotes scanned text). */
export class LinearSyntaxError extends Error {}

/** The final lookahead of a sequence, taken out of it. */
interface Lookahead {
  negative: boolean;
  /** The body in RE2 syntax. */
  body: string;
  /** For a body that matches exactly one character: the class of every other character. */
  complement?: string;
}

/** A parsed item of a sequence. */
interface Item {
  out: string;
  /** Set when the item is a lookahead (it then has no output of its own). */
  lookahead?: Lookahead;
  /** A lookahead ending this (unquantified) group, taken out of its output. */
  trailing?: Lookahead;
  /** For an item that matches exactly one character: the class of every other character. */
  complement?: string;
  quantified?: boolean;
}

interface Sequence {
  out: string;
  trailing?: Lookahead;
  /** One alternative of one unquantified one-character item: its complement. */
  complement?: string;
}

const MISPLACED_LOOKAHEAD =
  'a lookahead ((?=…) or (?!…)) that is not at the very end of the pattern (only a final one can run in linear time)';

/** The pattern in RE2 syntax with the same meaning; throws LinearSyntaxError naming what cannot be expressed. */
export function toRe2Syntax(pattern: string): Re2Pattern {
  const translator = new Translator(pattern);
  const top = translator.alternatives(false);
  if (translator.i < pattern.length) throw new LinearSyntaxError('has an unmatched ")"');
  if (translator.names.has(MATCH_GROUP)) throw new LinearSyntaxError(`uses the reserved group name ${MATCH_GROUP}`);
  const lookbehind = translator.lookbehind;
  const end = top.trailing;
  if (!end) return { syntax: top.out, matchGroup: false, lookbehind };
  let after: string;
  if (!end.negative) after = `(?:${end.body})`;
  else if (end.complement !== undefined) after = `(?:${end.complement}|$)`;
  else
    throw new LinearSyntaxError(
      'ends with a negative lookahead that looks at more than one character: only a one-character one such as (?![A-Za-z0-9]) can run in linear time',
    );
  return { syntax: `(?P<${MATCH_GROUP}>${top.out})${after}`, matchGroup: true, lookbehind };
}

class Translator {
  i = 0;
  lookbehind = false;
  readonly names = new Set<string>();
  /** Capture groups opened so far (a lookahead body must open none). */
  private captures = 0;

  constructor(private readonly s: string) {}

  /** `a|b|c` up to an unmatched `)` or the end. `inLookaround`: no lookahead may appear at all. */
  alternatives(inLookaround: boolean): Sequence {
    const branches: Sequence[] = [this.sequence(inLookaround)];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.sequence(inLookaround));
    }
    if (branches.length === 1) return branches[0];
    if (branches.some((b) => b.trailing)) throw new LinearSyntaxError(`uses ${MISPLACED_LOOKAHEAD}`);
    return { out: branches.map((b) => b.out).join('|') };
  }

  private sequence(inLookaround: boolean): Sequence {
    const items: Item[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.item());
    items.forEach((item, n) => {
      const last = n === items.length - 1;
      if ((item.lookahead || item.trailing) && (!last || inLookaround))
        throw new LinearSyntaxError(inLookaround ? 'has a lookahead inside a lookahead or lookbehind' : `uses ${MISPLACED_LOOKAHEAD}`);
    });
    const last = items[items.length - 1];
    const out = items.map((item) => item.out).join('');
    const complement = items.length === 1 && !last.quantified ? last.complement : undefined;
    return { out, trailing: last?.lookahead ?? last?.trailing, complement };
  }

  private item(): Item {
    const atom = this.atom();
    const quantifier = this.quantifier();
    if (!quantifier) return atom;
    if (atom.lookahead || atom.trailing) throw new LinearSyntaxError(`uses ${MISPLACED_LOOKAHEAD}`);
    return { out: atom.out + quantifier, quantified: true };
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each possibly lazy; '' when none follows. */
  private quantifier(): string {
    const m = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(this.s.slice(this.i, this.i + 32));
    if (!m) return '';
    this.i += m[0].length;
    return m[0];
  }

  private atom(): Item {
    const c = this.s[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.') return { out: `[^${LINE_TERMINATORS}]`, complement: `[${LINE_TERMINATORS}]` };
    if (c === '^' || c === '$') return { out: c };
    // A `{` that starts no quantifier is a literal in JavaScript; RE2 is told so explicitly.
    if (c === '{' || c === '}' || c === ']') return { out: `\\${c}`, complement: `[^\\${c}]` };
    return { out: c, complement: `[^${classChar(c)}]` };
  }

  private group(): Item {
    const rest = this.s.slice(this.i, this.i + 3);
    const close = () => {
      if (this.s[this.i] !== ')') throw new LinearSyntaxError('has an unclosed group');
      this.i++;
    };
    if (rest === '(?=' || rest === '(?!') {
      this.i += 3;
      const before = this.captures;
      const body = this.alternatives(true);
      close();
      if (this.captures !== before) throw new LinearSyntaxError('has a capture group inside a lookahead');
      return { out: '', lookahead: { negative: rest === '(?!', body: body.out, complement: body.complement } };
    }
    if (this.s.startsWith('(?<=', this.i) || this.s.startsWith('(?<!', this.i)) {
      const open = this.s.slice(this.i, this.i + 4);
      this.i += 4;
      this.lookbehind = true;
      const body = this.alternatives(true);
      close();
      return { out: `${open}${body.out})` };
    }
    let open = '(';
    if (rest === '(?:') {
      this.i += 3;
      open = '(?:';
    } else if (rest === '(?<') {
      const name = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(this.s.slice(this.i));
      if (!name) throw new LinearSyntaxError('has a group name RE2 cannot express');
      this.i += name[0].length;
      this.names.add(name[1]);
      this.captures++;
      open = `(?P<${name[1]}>`;
    } else if (rest.startsWith('(?')) {
      throw new LinearSyntaxError(`uses the group syntax "${rest}" which JavaScript patterns do not have`);
    } else {
      this.i++;
      this.captures++;
    }
    const inner = this.alternatives(false);
    close();
    return {
      out: `${open}${inner.out})`,
      trailing: inner.trailing,
      complement: inner.complement && (open === '(?:' ? inner.complement : undefined),
    };
  }

  /** `[…]` and `[^…]`, with `\s` spelled out and `[` made literal. */
  private characterClass(): Item {
    this.i++;
    const negated = this.s[this.i] === '^';
    if (negated) this.i++;
    let inside = '';
    while (this.i < this.s.length && this.s[this.i] !== ']') {
      const c = this.s[this.i];
      if (c === '\\') {
        inside += this.classEscape();
        continue;
      }
      this.i++;
      inside += c === '[' || c === '\\' ? `\\${c}` : c;
    }
    if (this.s[this.i] !== ']') throw new LinearSyntaxError('has an unclosed character class');
    this.i++;
    // JavaScript's `[]` matches nothing and `[^]` anything; RE2 has no empty class.
    if (inside === '') return negated ? { out: `[${ANY}]`, complement: `[^${ANY}]` } : { out: `[^${ANY}]`, complement: `[${ANY}]` };
    return negated ? { out: `[^${inside}]`, complement: `[${inside}]` } : { out: `[${inside}]`, complement: `[^${inside}]` };
  }

  /** An escape inside a class, as RE2 class content. */
  private classEscape(): string {
    const c = this.s[this.i + 1];
    if (c === undefined) throw new LinearSyntaxError('ends with a lone backslash');
    if (c === 's') {
      this.i += 2;
      return SPACE;
    }
    if (c === 'b') {
      this.i += 2;
      return '\\x{8}'; // backspace, inside a class
    }
    if (c === 'B') {
      this.i += 2;
      return 'B';
    }
    if (/[1-9]/.test(c)) throw new LinearSyntaxError('uses an octal escape inside a character class');
    // \S inside a class keeps RE2's meaning (ASCII whitespace): the README notes it.
    return this.commonEscape();
  }

  /** An escape outside a class. */
  private escape(): Item {
    const c = this.s[this.i + 1];
    if (c === undefined) throw new LinearSyntaxError('ends with a lone backslash');
    if (c === 's' || c === 'S') {
      this.i += 2;
      return c === 's' ? { out: `[${SPACE}]`, complement: `[^${SPACE}]` } : { out: `[^${SPACE}]`, complement: `[${SPACE}]` };
    }
    if (c === 'b' || c === 'B') {
      this.i += 2;
      return { out: `\\${c}` };
    }
    if (/[1-9]/.test(c)) throw new LinearSyntaxError(`uses a back-reference (\\${c})`);
    if (c === 'k' && this.s[this.i + 2] === '<') throw new LinearSyntaxError('uses a named back-reference (\\k<…>)');
    const out = this.commonEscape();
    if (out === '\\\\c') return { out }; // two characters
    const swapped: Record<string, string> = { '\\d': '\\D', '\\D': '\\d', '\\w': '\\W', '\\W': '\\w' };
    return { out, complement: swapped[out] ?? `[^${out}]` };
  }

  /** Escapes that mean the same inside and outside a class: one character, or \d \w and their negations. */
  private commonEscape(): string {
    const c = this.s[this.i + 1];
    const ahead = this.s.slice(this.i + 2);
    this.i += 2;
    if ('dDwWtnfrS'.includes(c)) return `\\${c}`;
    if (c === 'v') return '\\x{b}';
    if (c === '0' && !/^[0-9]/.test(ahead)) return '\\x{0}';
    const hex = (digits: number) => {
      const m = new RegExp(`^[0-9A-Fa-f]{${digits}}`).exec(ahead);
      if (!m) return undefined;
      this.i += digits;
      return `\\x{${m[0]}}`;
    };
    if (c === 'u') return hex(4) ?? 'u';
    if (c === 'x') return hex(2) ?? 'x';
    if (c === 'c') {
      if (!/^[A-Za-z]/.test(ahead)) return '\\\\c'; // JavaScript reads a backslash and a c
      this.i++;
      return `\\x{${(ahead.charCodeAt(0) % 32).toString(16)}}`;
    }
    // Identity escapes: an escaped letter or digit (other than the above) is the character itself.
    if (/[A-Za-z0-9]/.test(c)) return c;
    // RE2 accepts any escaped ASCII punctuation; anything else stands for itself.
    return /[!-/:-@[-`{-~]/.test(c) ? `\\${c}` : c;
  }
}

/** A literal character written inside an RE2 class. */
function classChar(c: string): string {
  return /[\]\\^[-]/.test(c) ? `\\${c}` : c;
}
