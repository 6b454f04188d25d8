import { tokenize, type Token } from './hclLexer';

/** A body: the attributes and blocks of a file or of a block, in source order. */
export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
  start: number;
  end: number;
}

export interface HclAttribute {
  name: string;
  nameStart: number;
  nameEnd: number;
  value: HclExpr;
  start: number;
  end: number;
}

export interface HclLabel {
  value: string;
  start: number;
  end: number;
}

export interface HclBlock {
  type: string;
  labels: HclLabel[];
  body: HclBody;
  /** From the block type to the closing brace. */
  start: number;
  end: number;
  /** Offset of `{` and of `}` (or of the end of input when the block is unterminated). */
  open: number;
  close: number;
}

interface ExprBase {
  start: number;
  end: number;
}
/** A quoted string. `value` is its decoded text; `templated` when it interpolates. */
export interface HclString extends ExprBase {
  kind: 'string';
  value: string;
  templated: boolean;
}
export interface HclHeredoc extends ExprBase {
  kind: 'heredoc';
  raw: string;
  contentStart: number;
  templated: boolean;
}
export interface HclLiteral extends ExprBase {
  kind: 'literal';
  value: number | boolean | null;
}
export interface HclTuple extends ExprBase {
  kind: 'tuple';
  items: HclExpr[];
}
export interface HclObjectItem {
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  value: HclExpr;
}
export interface HclObject extends ExprBase {
  kind: 'object';
  items: HclObjectItem[];
}
export interface HclCall extends ExprBase {
  kind: 'call';
  name: string;
  args: HclExpr[];
}
/** A reference such as `var.tags`, `local.x["y"]`, `aws_iam_role.r.arn`. */
export interface HclRef extends ExprBase {
  kind: 'ref';
  text: string;
}
/** Anything whose value needs evaluation: operators, conditionals, `for` expressions. */
export interface HclOther extends ExprBase {
  kind: 'other';
  text: string;
}
export type HclExpr = HclString | HclHeredoc | HclLiteral | HclTuple | HclObject | HclCall | HclRef | HclOther;

export interface HclParseError {
  message: string;
  start: number;
  end: number;
}
export interface HclFile {
  body: HclBody;
  errors: HclParseError[];
}

/** Deeper nesting than this is hostile or generated: the rest of the file is skipped with an error. */
const MAX_DEPTH = 200;

const BINARY = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%']);

/**
 * Error-tolerant recursive-descent parser for HCL native syntax. Keeps exact offsets of
 * every block, attribute and literal; expressions it does not need to understand are kept
 * as `other` with their source text. Never throws; a syntax error skips to the next line.
 */
export function parseHcl(text: string): HclFile {
  return new Parser(text).parseFile();
}

/**
 * Parses a piece of a file that starts at a line start where the file's parse is between top-level
 * items (engine/iac/hcl/hclBlockReuse.ts). `closed` says the piece reads the same inside the whole
 * file as on its own: its last `\n` is a newline token (no string, comment or heredoc runs past it),
 * and only the top-level loop reached the end of the piece (no open block, bracket or skipped line
 * that the rest of the file would continue). Then the file's next token is read at the top level,
 * as the next piece's first token is.
 */
export function parseHclPiece(text: string): { file: HclFile; closed: boolean } {
  const parser = new Parser(text);
  const file = parser.parseFile();
  return { file, closed: parser.closed };
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;
  private readonly errors: HclParseError[] = [];
  /** The top-level loop, not a construct inside it, took the parse to the end of input. */
  private endedAtTopLevel = false;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  /** See `parseHclPiece`. */
  get closed(): boolean {
    const last = this.tokens[this.tokens.length - 2];
    return this.endedAtTopLevel && last?.type === 'newline' && last.start === this.text.length - 1 && last.end === this.text.length;
  }

  parseFile(): HclFile {
    const body = this.parseBody(false);
    return { body, errors: this.errors };
  }

  private get tok(): Token {
    return this.tokens[this.pos];
  }
  private peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.tokens[this.pos];
    if (t.type !== 'eof') this.pos++;
    return t;
  }
  private isPunct(text: string, t = this.tok): boolean {
    return t.type === 'punct' && t.text === text;
  }

  private error(message: string, t: Token): void {
    this.errors.push({ message, start: t.start, end: Math.max(t.end, t.start + 1) });
  }

  private skipNewlines(): void {
    while (this.tok.type === 'newline') this.pos++;
  }

  /** Skips to the start of the next line (error recovery), keeping bracket balance. */
  private recoverLine(): void {
    let depth = 0;
    while (this.tok.type !== 'eof') {
      const t = this.tok;
      if (t.type === 'newline' && depth <= 0) {
        this.pos++;
        return;
      }
      if (t.type === 'punct' && '{[('.includes(t.text)) depth++;
      if (t.type === 'punct' && '}])'.includes(t.text)) {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }

  private parseBody(nested: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [], start: this.tok.start, end: this.tok.start };
    for (;;) {
      const atEnd = this.tok.type === 'eof';
      this.skipNewlines();
      const t = this.tok;
      if (t.type === 'eof') {
        if (!nested) this.endedAtTopLevel = !atEnd;
        break;
      }
      if (nested && this.isPunct('}')) break;
      if (t.type !== 'ident') {
        this.error(`expected an attribute or a block, found "${t.text.slice(0, 20)}"`, t);
        this.pos++;
        this.recoverLine();
        continue;
      }
      const after = this.peek();
      if (after.type === 'punct' && (after.text === '=' || after.text === ':')) {
        this.pos += 2;
        const value = this.parseExpression(false);
        body.attributes.push({ name: t.text, nameStart: t.start, nameEnd: t.end, value, start: t.start, end: value.end });
        if (this.tok.type !== 'newline' && this.tok.type !== 'eof' && !(nested && this.isPunct('}'))) {
          this.error('expected a new line after the attribute value', this.tok);
          this.recoverLine();
        }
        continue;
      }
      const block = this.parseBlock();
      if (block) body.blocks.push(block);
    }
    body.end = this.tok.start;
    return body;
  }

  private parseBlock(): HclBlock | undefined {
    const typeToken = this.next();
    const labels: HclLabel[] = [];
    while (this.tok.type === 'string' || this.tok.type === 'ident') {
      const l = this.next();
      labels.push({ value: l.text, start: l.start, end: l.end });
    }
    if (!this.isPunct('{')) {
      this.error(`expected "{" to open block "${typeToken.text}"`, this.tok);
      this.recoverLine();
      return undefined;
    }
    if (this.depth > MAX_DEPTH) {
      this.abandon(this.tok);
      return undefined;
    }
    const open = this.next().start;
    this.depth++;
    const body = this.parseBody(true);
    this.depth--;
    let close = this.tok.start;
    if (this.isPunct('}')) {
      close = this.tok.start;
      this.pos++;
    } else this.error(`block "${typeToken.text}" is not closed`, this.tokens[this.pos - 1] ?? this.tok);
    return { type: typeToken.text, labels, body, start: typeToken.start, end: close + 1, open, close };
  }

  /** expression := operand (binop operand)* ('?' expression ':' expression)? */
  private parseExpression(inBrackets: boolean): HclExpr {
    if (this.depth > MAX_DEPTH) return this.abandon(this.tok);
    this.depth++;
    try {
      return this.parseExpressionAt(inBrackets);
    } finally {
      this.depth--;
    }
  }

  private parseExpressionAt(inBrackets: boolean): HclExpr {
    const first = this.parseUnary();
    let result = first;
    for (;;) {
      if (inBrackets) this.skipNewlinesIfContinued();
      const t = this.tok;
      if (t.type === 'punct' && BINARY.has(t.text)) {
        this.pos++;
        if (inBrackets) this.skipNewlines();
        const rhs = this.parseUnary();
        result = this.other(result.start, rhs.end);
        continue;
      }
      if (this.isPunct('?')) {
        this.pos++;
        if (inBrackets) this.skipNewlines();
        this.parseExpression(inBrackets);
        if (inBrackets) this.skipNewlines();
        if (this.isPunct(':')) this.pos++;
        else this.error('expected ":" in conditional expression', this.tok);
        if (inBrackets) this.skipNewlines();
        const alt = this.parseExpression(inBrackets);
        result = this.other(result.start, alt.end);
      }
      return result;
    }
  }

  /** Inside brackets an operator may start the next line: look past newlines only for one. */
  private skipNewlinesIfContinued(): void {
    let k = this.pos;
    while (this.tokens[k].type === 'newline') k++;
    const t = this.tokens[k];
    if (t.type === 'punct' && (BINARY.has(t.text) || t.text === '?')) this.pos = k;
  }

  private parseUnary(): HclExpr {
    const start = this.tok.start;
    let prefixed = false;
    while (this.isPunct('-') || this.isPunct('!')) {
      this.pos++;
      prefixed = true;
    }
    const operand = this.parsePostfix(this.parsePrimary());
    return prefixed ? this.other(start, operand.end) : operand;
  }

  /** Attribute access, indexing and splats turn any operand into a reference. */
  private parsePostfix(expr: HclExpr): HclExpr {
    let result = expr;
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        if (this.tok.type === 'ident' || this.tok.type === 'number' || this.isPunct('*')) {
          const t = this.next();
          result = this.ref(result.start, t.end);
          continue;
        }
        this.error('expected an attribute name after "."', this.tok);
        return result;
      }
      if (this.isPunct('[')) {
        this.pos++;
        this.skipNewlines();
        if (this.isPunct('*')) this.pos++;
        else this.parseExpression(true);
        this.skipNewlines();
        const end = this.expectClose(']');
        result = this.ref(result.start, end);
        continue;
      }
      return result;
    }
  }

  /** Gives up on input nested too deeply to be real configuration (stack safety). */
  private abandon(t: Token): HclExpr {
    this.error(`nesting deeper than ${MAX_DEPTH} levels: rest of the file skipped`, t);
    this.pos = this.tokens.length - 1;
    return this.other(t.start, t.start);
  }

  private parsePrimary(): HclExpr {
    const t = this.tok;
    switch (t.type) {
      case 'string':
        this.pos++;
        return { kind: 'string', value: t.text, templated: !!t.templated, start: t.start, end: t.end };
      case 'heredoc':
        this.pos++;
        return {
          kind: 'heredoc',
          raw: t.raw ?? '',
          contentStart: t.contentStart ?? t.start,
          templated: !!t.templated,
          start: t.start,
          end: t.end,
        };
      case 'number':
        this.pos++;
        return { kind: 'literal', value: Number(t.text), start: t.start, end: t.end };
      case 'ident': {
        this.pos++;
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', start: t.start, end: t.end };
        if (t.text === 'null') return { kind: 'literal', value: null, start: t.start, end: t.end };
        if (this.isPunct('::')) {
          // provider::name::function(...)
          while (this.isPunct('::') && this.peek().type === 'ident') this.pos += 2;
        }
        if (this.isPunct('(')) return this.parseCall(t);
        return { kind: 'ref', text: t.text, start: t.start, end: t.end };
      }
      case 'punct':
        if (t.text === '[') return this.parseTuple();
        if (t.text === '{') return this.parseObject();
        if (t.text === '(') {
          this.pos++;
          this.skipNewlines();
          const inner = this.parseExpression(true);
          this.skipNewlines();
          const end = this.expectClose(')');
          return inner.kind === 'other' || inner.kind === 'ref' ? this.other(t.start, end) : inner;
        }
        break;
      default:
        break;
    }
    this.error(t.type === 'eof' ? 'unexpected end of file' : `unexpected "${t.text.slice(0, 20)}"`, t);
    return this.other(t.start, t.start);
  }

  private parseCall(name: Token): HclExpr {
    this.pos++; // (
    const args: HclExpr[] = [];
    this.skipNewlines();
    while (!this.isPunct(')') && this.tok.type !== 'eof') {
      const before = this.pos;
      args.push(this.parseExpression(true));
      this.skipNewlines();
      if (this.isPunct('...')) {
        this.pos++;
        this.skipNewlines();
      }
      if (this.isPunct(',')) {
        this.pos++;
        this.skipNewlines();
        continue;
      }
      if (!this.isPunct(')')) {
        this.error('expected "," or ")" in function call', this.tok);
        if (this.pos === before) this.pos++;
        break;
      }
    }
    const end = this.expectClose(')');
    return { kind: 'call', name: name.text, args, start: name.start, end };
  }

  private parseTuple(): HclExpr {
    const open = this.next();
    this.skipNewlines();
    if (this.tok.type === 'ident' && this.tok.text === 'for') return this.skipBalanced(open, ']');
    const items: HclExpr[] = [];
    while (!this.isPunct(']') && this.tok.type !== 'eof') {
      const before = this.pos;
      items.push(this.parseExpression(true));
      this.skipNewlines();
      if (this.isPunct(',')) {
        this.pos++;
        this.skipNewlines();
        continue;
      }
      if (!this.isPunct(']')) {
        this.error('expected "," or "]" in list', this.tok);
        if (this.pos === before) this.pos++;
        return this.skipBalanced(open, ']');
      }
    }
    const end = this.expectClose(']');
    return { kind: 'tuple', items, start: open.start, end };
  }

  private parseObject(): HclExpr {
    const open = this.next();
    this.skipNewlines();
    if (this.tok.type === 'ident' && this.tok.text === 'for') return this.skipBalanced(open, '}');
    const items: HclObjectItem[] = [];
    while (!this.isPunct('}') && this.tok.type !== 'eof') {
      const keyExpr = this.parseExpression(true);
      const key =
        keyExpr.kind === 'string' && !keyExpr.templated
          ? keyExpr.value
          : keyExpr.kind === 'ref' && /^[A-Za-z_][\w-]*$/.test(keyExpr.text)
            ? keyExpr.text
            : undefined;
      this.skipNewlines();
      if (!this.isPunct('=') && !this.isPunct(':')) {
        this.error('expected "=" after an object key', this.tok);
        return this.skipBalanced(open, '}');
      }
      this.pos++;
      this.skipNewlines();
      const value = this.parseExpression(true);
      items.push({ key, keyStart: keyExpr.start, keyEnd: keyExpr.end, value });
      if (this.isPunct(',')) this.pos++;
      else if (this.tok.type !== 'newline' && !this.isPunct('}')) {
        this.error('expected "," or a new line between object items', this.tok);
        return this.skipBalanced(open, '}');
      }
      this.skipNewlines();
    }
    const end = this.expectClose('}');
    return { kind: 'object', items, start: open.start, end };
  }

  /** Skips to the bracket matching `open` and returns the span as an opaque expression. */
  private skipBalanced(open: Token, close: string): HclExpr {
    const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
    const stack: string[] = [close];
    while (this.tok.type !== 'eof' && stack.length) {
      const t = this.next();
      if (t.type !== 'punct') continue;
      if (pairs[t.text]) stack.push(pairs[t.text]);
      else if (t.text === stack[stack.length - 1]) stack.pop();
    }
    if (stack.length) this.error(`"${open.text}" is not closed`, open);
    return this.other(open.start, this.tokens[this.pos - 1]?.end ?? open.end);
  }

  private expectClose(close: string): number {
    if (this.isPunct(close)) return this.next().end;
    this.error(`expected "${close}"`, this.tok);
    return this.tokens[Math.max(0, this.pos - 1)].end;
  }

  private ref(start: number, end: number): HclRef {
    return { kind: 'ref', text: this.text.slice(start, end), start, end };
  }
  private other(start: number, end: number): HclOther {
    return { kind: 'other', text: this.text.slice(start, end), start, end };
  }
}
