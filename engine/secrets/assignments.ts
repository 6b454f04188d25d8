/**
 * Finds `name <op> value` assignments on one line in the syntaxes of code and config files:
 * `=`, `:`, `:=`, `=>`, `?=`, XML elements, JSON (also escaped inside a JSON string).
 * Used by generic rules to detect secrets by name, and by every rule to name the key a
 * quick-fix should read the secret from.
 */

export interface Assignment {
  name: string;
  value: string;
  /** Offsets of the value within the line. */
  valueStart: number;
  valueEnd: number;
  /** Opening quote of the value (`"`, `'`, `` ` ``), empty when unquoted. */
  quote: string;
  /** Offset of the name within the line. */
  nameStart: number;
}

// The lookbehind stops a match from starting inside a name; the bounded name length keeps
// the scan linear even on minified lines.
const NAME_AND_OPERATOR = /(?<![\w$])([A-Za-z_$@][\w.\-$]{0,100})\\?["'`]?\]?[ \t]*(:=|=>|\?=|=(?![=~>])|:(?![:/]))[ \t]*/g;
const TYPE_ANNOTATION = /^[A-Za-z_][\w.<>?[\], ]{0,60}?[ \t]*=(?!=)[ \t]*/;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,100})(?:\s[^<>]{0,300})?>([^<\n]{1,500})<\/\1>/g;
const STRING_PREFIX = /^(?:[rRbBuUfF]{1,2}|@|\$@?)(?=["'])/;

function readValue(line: string, at: number, afterColon: boolean): Omit<Assignment, 'name' | 'nameStart'> | undefined {
  let i = at;
  if (afterColon) {
    const annotated = TYPE_ANNOTATION.exec(line.slice(i, i + 120));
    if (annotated && !/["'`]/.test(annotated[0])) i += annotated[0].length;
  }
  const prefix = STRING_PREFIX.exec(line.slice(i, i + 4));
  if (prefix) i += prefix[0].length;
  let quote = '';
  if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === "'")) {
    quote = '\\' + line[i + 1];
    i += 2;
  } else if (line[i] === '"' || line[i] === "'" || line[i] === '`') {
    quote = line[i];
    i += 1;
  }
  const start = i;
  let end: number;
  if (quote) {
    end = line.indexOf(quote, start);
    // Skip escaped quotes inside the value.
    while (end > 0 && quote.length === 1 && line[end - 1] === '\\') end = line.indexOf(quote, end + 1);
    if (end < 0) return undefined;
  } else {
    end = start;
    while (end < line.length && !' \t;,#"\'<>)}]&\r'.includes(line[end])) end++;
  }
  if (end <= start) return undefined;
  return { value: line.slice(start, end), valueStart: start, valueEnd: end, quote: quote.slice(-1) };
}

/** Every assignment on the line, in order. */
export function findAssignments(line: string): Assignment[] {
  const found: Assignment[] = [];
  NAME_AND_OPERATOR.lastIndex = 0;
  for (let m = NAME_AND_OPERATOR.exec(line); m; m = NAME_AND_OPERATOR.exec(line)) {
    const value = readValue(line, m.index + m[0].length, m[2] === ':');
    if (value) found.push({ name: m[1], ...value, nameStart: m.index });
  }
  if (line.includes('</')) {
    XML_ELEMENT.lastIndex = 0;
    for (let m = XML_ELEMENT.exec(line); m; m = XML_ELEMENT.exec(line)) {
      const valueStart = m.index + m[0].indexOf('>') + 1;
      found.push({ name: m[1], value: m[2], valueStart, valueEnd: valueStart + m[2].length, quote: '', nameStart: m.index + 1 });
    }
  }
  return found;
}

/** The name a value at [start, end) of the line is assigned to, and its quote. */
export function assignmentAround(line: string, start: number, end: number): { keyName?: string; quote?: string } {
  let best: Assignment | undefined;
  for (const a of findAssignments(line)) {
    // `postgres://app:secret@db`: `app` is the URI's user, not a name for the secret.
    if (line.slice(Math.max(0, a.nameStart - 3), a.nameStart) === '://') continue;
    // The innermost assignment wins; on a tie the first name does (`token: string = "…"` is
    // named `token`, not its type, which the annotation skip also matches as `string = "…"`).
    if (a.valueStart <= start && end <= a.valueEnd && (!best || a.valueStart > best.valueStart)) best = a;
  }
  const before = line[start - 1];
  const quote = best?.quote || (before === '"' || before === "'" || before === '`' ? before : undefined);
  return { keyName: best?.name.replace(/^[$@]/, ''), quote: quote || undefined };
}
