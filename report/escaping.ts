/**
 * Escaping of everything a repository controls (file names, messages quoting its keys, rule
 * texts from its config) for each report format. A file name can hold a newline, a `|`, a
 * backtick, `<`, terminal escape sequences or bidirectional controls: printed raw, it would
 * forge lines in the text report, break the Markdown tables of a PR job summary, or reorder what
 * a reviewer sees.
 */

/** Controls, DEL, C1, line/paragraph separators, bidi overrides and isolates, BOM. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every character that would not show as itself written as a visible escape
 * (`\n`, `\t`, `\x1b`, `\u202e`); backslashes are doubled, so the escaped form is unambiguous.
 */
export function visible(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(INVISIBLE, (c) => {
    if (SHORT[c]) return SHORT[c];
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text for Markdown outside code spans (table cells, list items, quotes): visible, and every
 * character Markdown would act on is backslash-escaped (CommonMark lets any ASCII punctuation
 * be), so it renders as written: no link, image, HTML, entity, emphasis, heading or table cell
 * break. `(`, `!` and the like need no escape once `[` has one; `_` except inside a word
 * (`aws_iam_user` stays readable: GFM has no intraword `_` emphasis); `-`, `+`, `=` and `1.`
 * only at the start. `@` is left alone: owners are handles on purpose.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*[\]<>|~&#]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A Markdown code span showing `text` exactly (made visible): fenced with one backtick more than
 * the longest run inside. In a table cell `|` must still be escaped (GitHub splits cells first).
 */
export function markdownCode(text: string, inTable = true): string {
  let shown = visible(text);
  if (inTable) shown = shown.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || (shown.startsWith(' ') && shown.endsWith(' ') && shown.trim()) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A relative POSIX path as a URI reference: every segment percent-encoded (`#`, `?`, `%`, spaces, newlines too). */
export function uriPath(relative: string): string {
  return relative
    .replace(LONE_SURROGATE, '\ufffd')
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

/** The URL if it is a web link (http or https), else undefined: a rule's `docs` comes from the repository's config. */
export function webUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>"]+$/i.test(url) ? url : undefined;
}
