/**
 * Reads one JavaScript/TypeScript literal (object, array, string, number) at an offset into the
 * shared source tree, with exact offsets: enough for the arguments of CDK constructs such as
 * `new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })` without a TypeScript parser on
 * the typing path. Anything that is not a literal (a call, a reference, `new X()`) becomes an
 * unknown value holding its text. Never throws; every step advances; nesting is bounded.
 */
import type { MapEntry, SourceNode } from '../sourceTree';

const MAX_DEPTH = 64;

export interface ReadValue {
  node: SourceNode;
  /** Offset just after the value (and any `as T` / `satisfies T` / `!` after it). */
  end: number;
}

export function readLiteral(text: string, at: number): ReadValue {
  const reader = new LiteralReader(text);
  reader.pos = at;
  const node = reader.value(0);
  return { node, end: reader.pos };
}

/** Skips blanks and comments from `at`; returns the next significant offset. */
export function skipTrivia(text: string, at: number): number {
  let pos = at;
  while (pos < text.length) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
    else if (text.startsWith('//', pos)) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', pos)) {
      const close = text.indexOf('*/', pos + 2);
      pos = close < 0 ? text.length : close + 2;
    } else break;
  }
  return pos;
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class LiteralReader {
  pos = 0;
  constructor(private readonly text: string) {}

  value(depth: number): SourceNode {
    this.pos = skipTrivia(this.text, this.pos);
    const start = this.pos;
    const c = this.text[start];
    let node: SourceNode;
    if (depth > MAX_DEPTH) return this.expression(start);
    if (c === '{') node = this.object(depth + 1);
    else if (c === '[') node = this.array(depth + 1);
    else if (c === '"' || c === "'" || c === '`') node = this.string();
    else {
      NUMBER.lastIndex = start;
      const n = NUMBER.exec(this.text);
      IDENT.lastIndex = start;
      const id = IDENT.exec(this.text);
      const word = id?.[0];
      if (n && !/[\w$.]/.test(this.text[start + n[0].length] ?? '')) {
        this.pos = start + n[0].length;
        node = { type: 'scalar', value: Number(n[0].replace(/_/g, '')), start, end: this.pos };
      } else if ((word === 'true' || word === 'false' || word === 'null') && !/[\w$.(]/.test(this.text[start + word.length] ?? '')) {
        this.pos = start + word.length;
        node = { type: 'scalar', value: word === 'null' ? null : word === 'true', start, end: this.pos };
      } else return this.expression(start);
    }
    // `x as const`, `x satisfies T`, `x!`: the literal stands, the rest is skipped.
    const after = skipTrivia(this.text, this.pos);
    if (!this.atSeparator(after)) {
      this.expression(after);
      if (node.type === 'scalar' || node.type === 'expr') return this.textOf(node, start);
    }
    return node;
  }

  /** A scalar followed by an operator (`'a' + b`) is an expression after all. */
  private textOf(node: SourceNode, start: number): SourceNode {
    const rest = this.text
      .slice(node.end, this.pos)
      .replace(/^['"`]/, '')
      .trim();
    if (/^(?:as\b|satisfies\b|!$)/.test(rest)) return node;
    return { type: 'expr', text: this.text.slice(start, this.pos).trim(), start, end: this.pos };
  }

  private atSeparator(at: number): boolean {
    const c = this.text[at];
    return c === undefined || c === ',' || c === '}' || c === ']' || c === ')' || c === ';';
  }

  private object(depth: number): SourceNode {
    const start = this.pos;
    this.pos++; // {
    const entries: MapEntry[] = [];
    while (this.pos < this.text.length) {
      this.pos = skipTrivia(this.text, this.pos);
      const c = this.text[this.pos];
      if (c === undefined) break;
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === ']' || c === ')') break;
      const before = this.pos;
      if (c === ',') {
        this.pos++;
        continue;
      }
      let key: string | undefined;
      let keyStart = this.pos;
      let keyEnd = this.pos;
      if (c === '"' || c === "'") {
        const k = this.string();
        if (k.type === 'scalar') ({ value: key, start: keyStart, end: keyEnd } = { value: String(k.value), start: k.start, end: k.end });
      } else if (this.text.startsWith('...', this.pos)) {
        this.expression(this.pos + 3); // spread: unknown entries
        continue;
      } else {
        IDENT.lastIndex = this.pos;
        const m = IDENT.exec(this.text);
        if (m) {
          key = m[0];
          this.pos += m[0].length;
          keyEnd = this.pos;
        }
      }
      this.pos = skipTrivia(this.text, this.pos);
      if (key !== undefined && this.text[this.pos] === ':') {
        this.pos++;
        entries.push({ key, keyStart, keyEnd, value: this.value(depth) });
      } else if (key !== undefined && (this.text[this.pos] === ',' || this.text[this.pos] === '}')) {
        // Shorthand `{ actions }`: a reference.
        entries.push({ key, keyStart, keyEnd, value: { type: 'expr', text: key, start: keyStart, end: keyEnd } });
      } else {
        this.expression(this.pos); // a method, a computed key or something unreadable
      }
      if (this.pos <= before) this.pos = before + 1;
    }
    return { type: 'map', entries, start, end: this.pos };
  }

  private array(depth: number): SourceNode {
    const start = this.pos;
    this.pos++; // [
    const items: SourceNode[] = [];
    while (this.pos < this.text.length) {
      this.pos = skipTrivia(this.text, this.pos);
      const c = this.text[this.pos];
      if (c === undefined) break;
      if (c === ']') {
        this.pos++;
        break;
      }
      if (c === '}' || c === ')') break;
      const before = this.pos;
      if (c === ',') {
        this.pos++;
        continue;
      }
      items.push(this.value(depth));
      if (this.pos <= before) this.pos = before + 1;
    }
    return { type: 'seq', items, start, end: this.pos };
  }

  /** A quoted or template string; a template with `${…}` is an unknown value. */
  private string(): SourceNode {
    const start = this.pos;
    const quote = this.text[start];
    let i = start + 1;
    let value = '';
    let interpolated = false;
    while (i < this.text.length && this.text[i] !== quote && (quote === '`' || this.text[i] !== '\n')) {
      if (this.text[i] === '\\' && i + 1 < this.text.length) {
        const n = this.text[i + 1];
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        i += 2;
        continue;
      }
      if (quote === '`' && this.text.startsWith('${', i)) {
        interpolated = true;
        const close = this.text.indexOf('}', i);
        i = close < 0 ? this.text.length : close + 1;
        continue;
      }
      value += this.text[i++];
    }
    this.pos = i < this.text.length ? i + 1 : i;
    if (interpolated) return { type: 'expr', text: this.text.slice(start, this.pos), start: start + 1, end: i };
    return { type: 'scalar', value, start: start + 1, end: i, quoted: true };
  }

  /** Anything else, up to a separator at depth 0, brackets balanced and strings skipped. */
  private expression(start: number): SourceNode {
    this.pos = start;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"' || c === "'" || c === '`') {
        this.string();
        continue;
      }
      if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) {
        this.pos = skipTrivia(this.text, this.pos);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === ';') && depth === 0) break;
      this.pos++;
    }
    let end = this.pos;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return { type: 'expr', text: this.text.slice(start, end), start, end };
  }
}
