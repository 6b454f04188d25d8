import type { OffsetEdit } from '..';

/**
 * A secret that is only part of a string literal (`"Bearer xoxb-…"`, `` `…?token=xoxb-…` ``):
 * replacing the value alone would leave the read inside the string, as text. The literal is
 * split around the read instead: `"Bearer " + read`, or `${read}` inside a template literal.
 */

export interface EmbeddedSite {
  text: string;
  /** Offsets of the secret value. */
  start: number;
  end: number;
}

/** The quote of the string open at `at` on its line, scanning from the line start. */
function openQuoteAt(text: string, lineStart: number, at: number): string | undefined {
  let open: string | undefined;
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (open && c === '\\') i++;
    else if (open ? c === open : c === '"' || c === "'" || c === '`') open = open ? undefined : c;
  }
  return open;
}

/**
 * The edit that puts `expression` where the value is, when the value is part of a longer
 * string on its line; undefined when it is not (the caller replaces the whole literal), and
 * `null` when the string cannot be split (a bytes literal, an unterminated string).
 */
export function spliceIntoString(site: EmbeddedSite, expression: string, templates: boolean): OffsetEdit | null | undefined {
  const { text, start, end } = site;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const quote = openQuoteAt(text, lineStart, start);
  if (!quote || (text[start - 1] === quote && text[end] === quote)) return undefined;
  const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
  const open = text.lastIndexOf(quote, start - 1);
  const close = text.indexOf(quote, end);
  if (open < lineStart || close < 0 || close > lineEnd) return null;
  if (quote === '`' && templates) return { start, end, newText: `\${${expression}}` };
  // String prefixes go on both halves: f"…", r"…", @"…"; bytes cannot be joined with a str.
  const prefix = /[A-Za-z@$]{0,2}$/.exec(text.slice(lineStart, open))?.[0] ?? '';
  if (/[bB]/.test(prefix) || prefix.includes('$')) return null;
  const before = text.slice(open + 1, start);
  const after = text.slice(end, close);
  const parts = [
    ...(before ? [`${prefix}${quote}${before}${quote}`] : []),
    expression,
    ...(after ? [`${prefix}${quote}${after}${quote}`] : []),
  ];
  // `"Bearer x".strip()` keeps applying to the whole string.
  const joined = /^[.[(]/.test(text.slice(close + 1)) ? `(${parts.join(' + ')})` : parts.join(' + ');
  return { start: open - prefix.length, end: close + 1, newText: joined };
}
