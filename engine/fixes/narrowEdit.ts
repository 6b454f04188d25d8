import type { OffsetEdit } from '..';

/**
 * Replaces a wildcard element (offsets of its text, without quotes) by the candidate values,
 * as list items where it already is in a list, else as a new list (a named value replaced by one
 * candidate: the value alone).
 */
export function narrowEdit(text: string, start: number, end: number, candidates: string[]): OffsetEdit | undefined {
  if (!candidates.length) return undefined;
  const quote = text[start - 1] === '"' || text[start - 1] === "'" ? text[start - 1] : '';
  if (quote && text[end] !== quote) return undefined;
  const outerStart = start - quote.length;
  const outerEnd = end + quote.length;
  const lineStart = text.lastIndexOf('\n', outerStart - 1) + 1;
  const before = text.slice(lineStart, outerStart);
  // YAML block list item: "- s3:*" → one item per candidate, same indentation.
  const blockItem = /^([ \t]*)-[ \t]+$/.exec(before);
  if (blockItem) {
    const q = quote || (candidates.some((c) => /[:*#]/.test(c) && /^\*/.test(c)) ? '"' : '');
    return {
      start: outerStart,
      end: outerEnd,
      // An empty value (the core API group) is written quoted: a bare `- ` item is null.
      newText: candidates.map((c, i) => `${i ? `\n${blockItem[1]}- ` : ''}${q || (c ? '' : '"')}${c}${q || (c ? '' : '"')}`).join(''),
    };
  }
  const q = quote || '"';
  const items = candidates.map((c) => `${q}${c}${q}`).join(', ');
  const inList =
    /[[,][ \t]*$/.test(before) || (/^[ \t]*$/.test(before) && /[[,][ \t]*\r?\n?$/.test(text.slice(Math.max(0, lineStart - 3), lineStart)));
  // A named value (a managed policy ARN, a role) sits in a field that takes one value, not a list:
  // its one replacement is written as it is. Wildcards (`*`, `s3:*`) sit where lists are allowed.
  const single = candidates.length === 1 && !text.slice(start, end).includes('*');
  return { start: outerStart, end: outerEnd, newText: inList || single ? items : `[${items}]` };
}
