import type { OffsetEdit } from '..';

/**
 * C#: a `const` holds only compile-time constants, so the read cannot stay in one. A constant
 * field becomes `static readonly` (read once, when the type is first used); a local constant
 * becomes a plain local.
 */

/** `[modifiers] const <type> <name> = ` before the literal, on its line. */
const CONST_DECL = /\bconst([ \t]+)(?=[\w.<>?[\], ]+?[ \t]+@?\w+[ \t]*=[ \t]*$)/;

/**
 * Whether the innermost `{` open before `at` is a type body (class, struct, record, interface)
 * rather than a method or block. Strings and comments are skipped; the header of a brace is the
 * text since the previous `;`, `{` or `}`.
 */
function inTypeBody(text: string, at: number): boolean {
  const open: number[] = [];
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') i = Math.max(i, text.indexOf('\n', i) < 0 ? at : text.indexOf('\n', i));
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? at : text.indexOf('*/', i + 2) + 1;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < at && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '{') open.push(i);
    else if (c === '}') open.pop();
  }
  const brace = open[open.length - 1];
  if (brace === undefined) return false;
  const headerStart = Math.max(text.lastIndexOf(';', brace - 1), text.lastIndexOf('{', brace - 1), text.lastIndexOf('}', brace - 1)) + 1;
  return /\b(?:class|struct|record|interface)\b/.test(text.slice(headerStart, brace));
}

/** The edit turning the `const` that holds the literal at `start` into a declaration that can hold a call, if there is one. */
export function csharpConstEdit(text: string, start: number): OffsetEdit | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const m = CONST_DECL.exec(text.slice(lineStart, start));
  if (!m) return undefined;
  const at = lineStart + m.index;
  if (inTypeBody(text, at)) return { start: at, end: at + 'const'.length, newText: 'static readonly' };
  return { start: at, end: at + 'const'.length + m[1].length, newText: '' };
}
