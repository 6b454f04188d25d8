import type { OffsetEdit } from '..';

/**
 * Shell: `${NAME:?}` expands only outside single quotes, and an unquoted expansion is split into
 * words. The read is written for the quoting the value sits in on its line: inside double quotes
 * as is, inside single quotes by closing them around a double-quoted read
 * (`'Bearer '"${NAME:?}"'…'`), and unquoted inside double quotes. `:?` stops the script with a
 * message naming the variable when it is unset, where the literal used to be. A manager is read
 * with its own CLI in a command substitution (`"$(aws secretsmanager get-secret-value …)"`).
 */

type Quoting = "'" | '"' | '';

/** The quote open at `at` on its line (`'`, also `$'…'`, or `"`) and where it opened; none outside quotes. */
function quotingAt(text: string, lineStart: number, at: number): { quote: Quoting; openAt: number } {
  let open: Quoting = '';
  let openAt = -1;
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (open === "'") {
      if (c === "'") open = '';
    } else if (c === '\\') i++;
    else if (open === '"') {
      if (c === '"') open = '';
    } else if (c === "'" || c === '"') {
      open = c;
      openAt = i;
    } else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) return { quote: '', openAt: -1 };
  }
  return { quote: open, openAt };
}

/**
 * The edit replacing the value at `start`–`end` by `read`, an expansion (`${NAME:?}`, or a
 * manager's CLI as `$(…)`), quoted for where the value sits.
 */
export function shellReadEdit(text: string, start: number, end: number, read: string): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const { quote, openAt } = quotingAt(text, lineStart, start);
  if (quote === '"') return { start, end, newText: read };
  if (quote === "'") {
    // Close the single quotes around a double-quoted read; no empty '' where the value starts or ends the word.
    const ansi = text[openAt - 1] === '$';
    const atOpen = openAt === start - 1;
    const atClose = text[end] === "'";
    const from = atOpen ? openAt - (ansi ? 1 : 0) : start;
    return { start: from, end: atClose ? end + 1 : end, newText: `${atOpen ? '' : "'"}"${read}"${atClose ? '' : ansi ? "$'" : "'"}` };
  }
  return { start, end, newText: `"${read}"` };
}
