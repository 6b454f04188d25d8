/**
 * Tokens of HCL native syntax (Terraform). Hand-written rather than a WASM/Lezer grammar:
 * tree-sitter-hcl needs ~45 ms and the Lezer grammar ~150 ms to parse a 5,000-line module,
 * which alone would blow the editor's budget; this lexer and parser do it in a few ms.
 */

export type TokenType = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof' | 'error';

export interface Token {
  type: TokenType;
  /** Punctuation text, identifier name, or decoded literal text of a string (see `templated`). */
  text: string;
  start: number;
  end: number;
  /** Strings and heredocs: the content contains `${…}` or `%{…}`, so its value is not static. */
  templated?: boolean;
  /** Strings and heredocs: offset of the first content character. */
  contentStart?: number;
  /** Heredocs: the content between the marker lines, as written. */
  raw?: string;
}

const PUNCT3 = ['...'];
const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '=>', '::'];
const PUNCT1 = '{}[]()=:,.?!+-*/%<>';

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Splits HCL text into tokens. Never throws: unterminated constructs end at EOF with `error`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 10) {
      tokens.push({ type: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      // # or // comment
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // /* block */
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      // A block comment spanning lines still ends the attribute it follows.
      if (text.slice(i, end).includes('\n')) tokens.push({ type: 'newline', text: '\n', start: i, end });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ type: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c)) {
      const start = i;
      while (
        i < n &&
        /[0-9.eE+-]/.test(text[i]) &&
        !(text[i] === '.' && !isDigit(text.charCodeAt(i + 1))) &&
        !((text[i] === '+' || text[i] === '-') && !/[eE]/.test(text[i - 1]))
      )
        i++;
      tokens.push({ type: 'number', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === 34) {
      i = readString(text, i, tokens);
      continue;
    }
    if (c === 60 && text.charCodeAt(i + 1) === 60 && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const next = readHeredoc(text, i, tokens);
      if (next > i) {
        i = next;
        continue;
      }
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    if (PUNCT3.includes(three)) {
      tokens.push({ type: 'punct', text: three, start: i, end: i + 3 });
      i += 3;
      continue;
    }
    if (PUNCT2.includes(two)) {
      tokens.push({ type: 'punct', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (PUNCT1.includes(text[i])) {
      tokens.push({ type: 'punct', text: text[i], start: i, end: i + 1 });
      i++;
      continue;
    }
    tokens.push({ type: 'error', text: text[i], start: i, end: i + 1 });
    i++;
  }
  tokens.push({ type: 'eof', text: '', start: n, end: n });
  return tokens;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A quoted template: decodes escapes, skips `${…}`/`%{…}` (which may nest strings and braces). */
function readString(text: string, start: number, tokens: Token[]): number {
  const n = text.length;
  let i = start + 1;
  let value = '';
  let templated = false;
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      tokens.push({ type: 'string', text: value, start, end: i + 1, templated, contentStart: start + 1 });
      return i + 1;
    }
    if (ch === '\n') break; // quoted strings cannot span lines
    if (ch === '\\' && i + 1 < n) {
      const e = text[i + 1];
      if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const code = parseInt(text.slice(i + 2, i + 2 + len), 16);
        value += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
        i += 2 + len;
      } else {
        value += ESCAPES[e] ?? e;
        i += 2;
      }
      continue;
    }
    if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
      templated = true;
      const close = skipInterpolation(text, i + 2);
      value += text.slice(i, close);
      i = close;
      continue;
    }
    if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
      value += ch + '{';
      i += 3;
      continue;
    }
    value += ch;
    i++;
  }
  tokens.push({ type: 'error', text: 'unterminated string', start, end: i });
  return i;
}

/** Index just past the `}` closing an interpolation that starts after `${`, nesting aware. */
function skipInterpolation(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    } else if (ch === '\n' && depth === 1 && text.slice(from, i).trim() === '') break;
    i++;
  }
  return i;
}

function readHeredoc(text: string, start: number, tokens: Token[]): number {
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(start, start + 200));
  if (!m) return start;
  const indented = m[1] === '-';
  const marker = m[2];
  const contentStart = start + m[0].length;
  let lineStart = contentStart;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line.trim() === marker && (indented || line.trimStart() === line)) {
      // Not dedented: offsets into `raw` stay offsets into the file (JSON ignores indentation).
      const raw = text.slice(contentStart, lineStart);
      const end = lineStart + line.length;
      tokens.push({ type: 'heredoc', text: raw, raw, start, end, contentStart, templated: /[$%]\{/.test(raw.replace(/[$%][$%]\{/g, '')) });
      return end;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  tokens.push({ type: 'error', text: 'unterminated heredoc', start, end: text.length });
  return text.length;
}
