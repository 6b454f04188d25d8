/**
 * Reads one Python literal (dict, list, tuple, string, number, `True`/`False`/`None`) at an
 * offset into the shared source tree, with exact offsets: enough for the keyword arguments of
 * AWS CDK and Pulumi constructs written in Python, such as
 * `iam.PolicyStatement(actions=["*"], resources=["*"])`, without a Python parser on the typing
 * path. A call to a class whose name ends in `Args` (Pulumi's input types) or to `dict` is read
 * as the map of its keyword arguments; any other call, a name or an f-string with a placeholder
 * becomes an unknown value holding its text. Never throws; every step advances; nesting is bounded.
 */
import type { MapEntry, SourceNode } from '../sourceTree';

const MAX_DEPTH = 64;

export interface ReadValue {
  node: SourceNode;
  /** Offset just after the value. */
  end: number;
}

/** The arguments of a call whose `(` ends at `at`: positional ones in order, keyword ones by name. */
export interface PyCallArguments {
  positional: SourceNode[];
  keywords: MapEntry[];
  /** `*args` or `**kwargs` was passed: arguments not seen here may exist. */
  spread: boolean;
  /** Offset of the closing `)` (or of where reading stopped). */
  end: number;
}

export function readPyLiteral(text: string, at: number): ReadValue {
  const reader = new PyReader(text);
  reader.pos = at;
  const node = reader.value(0);
  return { node, end: reader.pos };
}

export function readPyCallArguments(text: string, at: number, max = 32): PyCallArguments {
  const reader = new PyReader(text);
  reader.pos = at;
  return reader.callArguments(0, max);
}

/** Skips blanks, line continuations and `#` comments from `at`; returns the next significant offset. */
export function skipPyTrivia(text: string, at: number): number {
  let pos = at;
  while (pos < text.length) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') pos++;
    else if (c === '#') {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl;
    } else break;
  }
  return pos;
}

const IDENT = /[A-Za-z_][\w]*/y;
const NUMBER = /-?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
/** A string prefix (`r`, `b`, `f`, `rb`, `fr`…) followed by a quote. */
const STRING_START = /([rRbBuUfF]{0,2})("""|'''|"|')/y;
/** `[x for x in y]`, `(x for x in y)`: read as an expression item, unknown as a whole. */
const isComprehension = (item: SourceNode) => item.type === 'expr' && /\sfor\s/.test(item.text);
/** `aws.iam.PolicyStatementArgs(`, `dict(`: calls read as the map of their keyword arguments. */
const MAP_CALL = /^(?:[A-Za-z_]\w*\.)*(?:\w*Args|dict)$/;

class PyReader {
  pos = 0;
  constructor(private readonly text: string) {}

  value(depth: number): SourceNode {
    this.pos = skipPyTrivia(this.text, this.pos);
    const start = this.pos;
    if (depth > MAX_DEPTH) return this.expression(start);
    const c = this.text[start];
    let node: SourceNode | undefined;
    STRING_START.lastIndex = start;
    const str = STRING_START.exec(this.text);
    if (c === '{') node = this.dict(depth + 1);
    else if (c === '[') node = this.sequence(depth + 1, ']');
    else if (c === '(') node = this.parenthesised(depth + 1);
    else if (str) node = this.string(str[1], str[2]);
    else {
      NUMBER.lastIndex = start;
      const n = NUMBER.exec(this.text);
      IDENT.lastIndex = start;
      const word = IDENT.exec(this.text)?.[0];
      if (n && !/[\w.]/.test(this.text[start + n[0].length] ?? '')) {
        this.pos = start + n[0].length;
        node = { type: 'scalar', value: Number(n[0].replace(/_/g, '')), start, end: this.pos };
      } else if ((word === 'True' || word === 'False' || word === 'None') && !/[\w.(]/.test(this.text[start + word.length] ?? '')) {
        this.pos = start + word.length;
        node = { type: 'scalar', value: word === 'None' ? null : word === 'True', start, end: this.pos };
      } else if (word) node = this.call(start, depth + 1);
    }
    if (!node) return this.expression(start);
    // A literal followed by an operator (`"a" + b`, `[...] * 2`) is an expression after all.
    const after = skipPyTrivia(this.text, this.pos);
    if (!this.atSeparator(after)) {
      const expr = this.expression(start);
      return { ...expr, text: this.text.slice(start, expr.end).trim() };
    }
    return node;
  }

  /** Reads `(` … `)` after `at`: positional and keyword arguments. */
  callArguments(depth: number, max: number): PyCallArguments {
    const result: PyCallArguments = { positional: [], keywords: [], spread: false, end: this.pos };
    for (let i = 0; i < max; i++) {
      this.pos = skipPyTrivia(this.text, this.pos);
      const c = this.text[this.pos];
      if (c === undefined || c === ')' || c === ']' || c === '}') break;
      const before = this.pos;
      if (c === '*') {
        result.spread = true;
        this.expression(this.pos + (this.text[this.pos + 1] === '*' ? 2 : 1));
      } else {
        IDENT.lastIndex = this.pos;
        const id = IDENT.exec(this.text);
        const afterId = id ? skipPyTrivia(this.text, this.pos + id[0].length) : -1;
        if (id && this.text[afterId] === '=' && this.text[afterId + 1] !== '=') {
          const keyStart = this.pos;
          this.pos = afterId + 1;
          result.keywords.push({ key: id[0], keyStart, keyEnd: keyStart + id[0].length, value: this.value(depth) });
        } else result.positional.push(this.value(depth));
      }
      this.pos = skipPyTrivia(this.text, this.pos);
      if (this.pos <= before) this.pos = before + 1;
      if (this.text[this.pos] !== ',') break;
      this.pos++;
    }
    this.pos = skipPyTrivia(this.text, this.pos);
    result.end = this.pos;
    if (this.text[this.pos] === ')') this.pos++;
    return result;
  }

  private atSeparator(at: number): boolean {
    const c = this.text[at];
    return c === undefined || c === ',' || c === '}' || c === ']' || c === ')' || c === ':' || c === '\n' || c === ';';
  }

  /** A dotted name, maybe called: `Args`/`dict` calls are maps, the rest unknown. */
  private call(start: number, depth: number): SourceNode | undefined {
    const name = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/.exec(this.text.slice(start, start + 300))?.[0];
    if (!name) return undefined;
    const open = skipPyTrivia(this.text, start + name.length);
    if (this.text[open] !== '(' || !MAP_CALL.test(name.replace(/\s+/g, ''))) return undefined;
    this.pos = open + 1;
    const args = this.callArguments(depth, 256);
    if (args.spread || args.positional.length) return { type: 'expr', text: this.text.slice(start, this.pos), start, end: this.pos };
    return { type: 'map', entries: args.keywords, start, end: this.pos };
  }

  private dict(depth: number): SourceNode {
    const start = this.pos;
    this.pos++; // {
    const entries: MapEntry[] = [];
    let unknownEntries = false;
    while (this.pos < this.text.length) {
      this.pos = skipPyTrivia(this.text, this.pos);
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
      if (this.text.startsWith('**', this.pos)) {
        unknownEntries = true; // `{**common, "k": v}`
        this.expression(this.pos + 2);
      } else {
        const key = this.value(depth);
        this.pos = skipPyTrivia(this.text, this.pos);
        if (this.text[this.pos] === ':') {
          this.pos++;
          const value = this.value(depth);
          if (key.type === 'scalar' && typeof key.value === 'string')
            entries.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
          else unknownEntries = true;
        } else if (!/[,}]/.test(this.text[this.pos] ?? ''))
          this.expression(this.pos); // a comprehension or something unreadable
        else unknownEntries = true; // a set literal
      }
      if (this.pos <= before) this.pos = before + 1;
    }
    // Entries that cannot be read make the whole dict unknown: a missing key might be among them.
    if (unknownEntries) return { type: 'expr', text: this.text.slice(start, this.pos), start, end: this.pos };
    return { type: 'map', entries, start, end: this.pos };
  }

  /** A list or tuple from its opener, or (`from`) from after a first item already read. */
  private sequence(depth: number, close: string, from?: { start: number; items: SourceNode[] }): SourceNode {
    const start = from?.start ?? this.pos;
    if (!from) this.pos++; // [ or (
    const items: SourceNode[] = from?.items ?? [];
    while (this.pos < this.text.length) {
      this.pos = skipPyTrivia(this.text, this.pos);
      const c = this.text[this.pos];
      if (c === undefined) break;
      if (c === close) {
        this.pos++;
        break;
      }
      if (c === ']' || c === ')' || c === '}') break;
      const before = this.pos;
      if (c === ',') {
        this.pos++;
        continue;
      }
      const item = this.value(depth);
      this.pos = skipPyTrivia(this.text, this.pos);
      // `[x for x in y]`: a comprehension, unknown as a whole.
      if ((this.text[this.pos] !== ',' && this.text[this.pos] !== close) || isComprehension(item)) return this.unknownUntil(start, close);
      items.push(item);
      if (this.pos <= before) this.pos = before + 1;
    }
    return { type: 'seq', items, start, end: this.pos };
  }

  /** `("a", "b")` is a tuple; `("a")` is the string; `("a" "b")` joins. The first item is read once. */
  private parenthesised(depth: number): SourceNode {
    const start = this.pos;
    this.pos = skipPyTrivia(this.text, start + 1);
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { type: 'seq', items: [], start, end: this.pos };
    }
    const first = this.value(depth);
    const after = skipPyTrivia(this.text, this.pos);
    if (this.text[after] === ')' && !isComprehension(first)) {
      this.pos = after + 1;
      return first;
    }
    if (this.text[after] !== ',') return this.unknownUntil(start, ')'); // a generator or something unreadable
    this.pos = after;
    return this.sequence(depth, ')', { start, items: [first] });
  }

  /** The bracket opened at `start` as one unknown value, up to and with its `close`. */
  private unknownUntil(start: number, close: string): SourceNode {
    this.expression(this.pos);
    if (this.text[this.pos] === close) this.pos++;
    return { type: 'expr', text: this.text.slice(start, this.pos), start, end: this.pos };
  }

  /**
   * A string, with adjacent literals joined (`"a" "b"`). An f-string with a placeholder is an
   * unknown value holding its text; `{{`/`}}` are its literal braces.
   */
  private string(prefix: string, quote: string): SourceNode {
    const start = this.pos;
    let piece = this.piece(prefix, quote);
    let { value, interpolated } = piece;
    const valueStart = piece.start;
    // Implicit concatenation of adjacent literals, read in a loop (there may be thousands).
    for (;;) {
      const next = skipPyTrivia(this.text, this.pos);
      STRING_START.lastIndex = next;
      const more = STRING_START.exec(this.text);
      if (!more || next >= this.text.length) break;
      this.pos = next;
      piece = this.piece(more[1], more[2]);
      value += piece.value;
      interpolated ||= piece.interpolated;
    }
    if (interpolated) return { type: 'expr', text: this.text.slice(start, this.pos), start: valueStart, end: piece.end };
    return { type: 'scalar', value, start: valueStart, end: piece.end, quoted: true };
  }

  /** One string literal from its prefix: its text, where its contents start and end, and whether it has placeholders. */
  private piece(prefix: string, quote: string): { value: string; start: number; end: number; interpolated: boolean } {
    const format = /f/i.test(prefix);
    const raw = /r/i.test(prefix);
    let i = this.pos + prefix.length + quote.length;
    const start = i;
    let value = '';
    let interpolated = false;
    const triple = quote.length === 3;
    while (i < this.text.length && !this.text.startsWith(quote, i) && (triple || this.text[i] !== '\n')) {
      const ch = this.text[i];
      if (ch === '\\' && i + 1 < this.text.length) {
        const n = this.text[i + 1];
        value += raw ? ch + n : n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '\n' ? '' : n;
        i += 2;
        continue;
      }
      if (format && (ch === '{' || ch === '}')) {
        if (this.text[i + 1] === ch) {
          value += ch;
          i += 2;
          continue;
        }
        if (ch === '{') interpolated = true;
      }
      value += ch;
      i++;
    }
    this.pos = i < this.text.length ? i + quote.length : i;
    return { value, start, end: i, interpolated };
  }

  /** Anything else, up to a separator at depth 0, brackets balanced and strings skipped. */
  private expression(start: number): SourceNode & { type: 'expr' } {
    this.pos = start;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      STRING_START.lastIndex = this.pos;
      const str =
        (c === '"' || c === "'" || /[rRbBuUfF]/.test(c)) && !/\w/.test(this.text[this.pos - 1] ?? '') ? STRING_START.exec(this.text) : null;
      if (str) {
        this.string(str[1], str[2]);
        continue;
      }
      if (c === '#') {
        this.pos = skipPyTrivia(this.text, this.pos);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (c === ',' || c === ':' || c === ';' || (c === '\n' && this.text[this.pos - 1] !== '\\'))) break;
      this.pos++;
    }
    let end = this.pos;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return { type: 'expr', text: this.text.slice(start, end), start, end };
  }
}
