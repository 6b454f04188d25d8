/**
 * How far a regex match attempt can read from where it starts: at most `ahead` characters
 * forward and `behind` characters back. A long line re-matched after an edit (see
 * engine/secrets/longLineReuse.ts) keeps the matches whose attempts cannot have read the edited
 * text, so these bounds must never be too small: lookarounds are added whole, repeats of them
 * multiplied, and a margin of two covers `\b`, `^` and `$`, which look at the neighbouring
 * character. Unbounded repeats (`*`, `+`, `{n,}`) and back-references give `Infinity`.
 */
export interface PatternReach {
  ahead: number;
  behind: number;
}

interface Extent {
  /** Longest text consumed. */
  len: number;
  /** Lookahead reads beyond it, and lookbehind reads before the start (summed: an upper bound). */
  look: number;
  back: number;
}

const MARGIN = 2;

export function patternReach(source: string): PatternReach {
  const reader = new Reader(source);
  const e = reader.alternatives();
  if (reader.i < source.length) return { ahead: Infinity, behind: Infinity }; // unbalanced: not understood
  return { ahead: e.len + e.look + MARGIN, behind: e.back + MARGIN };
}

const ZERO: Extent = { len: 0, look: 0, back: 0 };
const INFINITE: Extent = { len: Infinity, look: Infinity, back: Infinity };

class Reader {
  i = 0;
  constructor(private readonly s: string) {}

  /** `a|b|c` up to an unmatched `)` or the end: the widest alternative. */
  alternatives(): Extent {
    let best = this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      const next = this.sequence();
      best = { len: Math.max(best.len, next.len), look: Math.max(best.look, next.look), back: Math.max(best.back, next.back) };
    }
    return best;
  }

  private sequence(): Extent {
    let total = ZERO;
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      const max = this.quantifier();
      const repeated = max === 1 ? atom : times(atom, max);
      total = { len: total.len + repeated.len, look: total.look + repeated.look, back: total.back + repeated.back };
    }
    return total;
  }

  private atom(): Extent {
    const s = this.s;
    const c = s[this.i];
    if (c === '\\') return this.escape();
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { len: 1, look: 0, back: 0 };
    }
    if (c === '(') {
      this.i++;
      let kind = 'group';
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) {
        kind = 'ahead';
        this.i += 2;
      } else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        kind = 'behind';
        this.i += 3;
      } else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      const inner = this.alternatives();
      if (s[this.i] !== ')') return INFINITE;
      this.i++;
      if (kind === 'ahead') return { len: 0, look: inner.len + inner.look, back: inner.back };
      if (kind === 'behind') return { len: 0, look: inner.look, back: inner.len + inner.back };
      return inner;
    }
    this.i++;
    if (c === '^' || c === '$') return ZERO;
    return { len: 1, look: 0, back: 0 };
  }

  private escape(): Extent {
    const s = this.s;
    const c = s[this.i + 1];
    this.i += 2;
    if (c === undefined) return INFINITE;
    if (/[1-9]/.test(c) || (c === 'k' && s[this.i] === '<')) return INFINITE; // back-reference
    if (c === 'b' || c === 'B') return ZERO;
    if ((c === 'u' || c === 'p' || c === 'P') && s[this.i] === '{') this.i = s.indexOf('}', this.i) + 1;
    else if (c === 'u') this.i += 4;
    else if (c === 'x') this.i += 2;
    else if (c === 'c') this.i += 1;
    return { len: 1, look: 0, back: 0 };
  }

  /** The most repeats the quantifier after an atom allows (1 when there is none). */
  private quantifier(): number {
    const s = this.s;
    let max = 1;
    const c = s[this.i];
    if (c === '*' || c === '+') {
      max = Infinity;
      this.i++;
    } else if (c === '?') this.i++;
    else if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i, this.i + 24));
      if (!q) return 1; // a literal `{`: the caller reads it as the next atom
      max = q[2] === undefined ? Number(q[1]) : q[3] === '' ? Infinity : Number(q[3]);
      this.i += q[0].length;
    } else return 1;
    if (s[this.i] === '?') this.i++; // lazy
    return max;
  }
}

function times(e: Extent, n: number): Extent {
  const mul = (x: number) => (x === 0 ? 0 : x * n);
  return { len: mul(e.len), look: mul(e.look), back: mul(e.back) };
}
