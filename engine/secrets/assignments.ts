/**
 * Finds `name <op> value` assignments on one line in the syntaxes of code and config files:
 * `=`, `:`, `:=`, `=>`, `?=`, Elixir module attributes (`@token "…"`), XML elements and `key="…" value="…"` attribute pairs, JSON (also
 * escaped inside a JSON string), calls that pair a name with a value (`define('NAME', '…')`,
 * `os.getenv("NAME", "…")`, `setdefault`), and defaults after an environment lookup
 * (`process.env.NAME || '…'`). Used by generic rules to detect secrets by name, and by every
 * rule to name the key a quick-fix should read the secret from.
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

// The lookbehind stops a match from starting inside a name (or a path: `checksum/secret:`); the
// bounded name length keeps the scan linear even on minified lines. The name is read atomically
// (a lookahead's capture, matched again by reference): nothing after a name can start with a
// name character, so a shorter name never matches where the longest failed, and giving the
// characters back one by one, at each of the many names no operator follows, was a fifth of the
// regex's time. Same matches, same groups (1 the name, 2 the operator).
const NAME_AND_OPERATOR = /(?<![\w$/])(?=([A-Za-z_$@][\w.\-$]{0,100}))\1\\?["'`]?\]?[ \t]*(:=|=>|\?=|=(?![=~>])|:(?![:/]))[ \t]*/g;
const TYPE_ANNOTATION = /^[A-Za-z_&][\w.<>?[\], &']{0,60}?[ \t]*=(?!=)[ \t]*/;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,100})(\s[^<>]{0,300})?>([^<\n]{1,500})<\/\1>/g;
/**
 * The attribute that names an element's text: `<property name="hibernate.connection.password">…</property>`
 * (Hibernate, log4j2 `<Property>`, Ant), `<entry key="db.password">…</entry>` (Java's XML properties).
 */
const XML_NAME_ATTRIBUTE = /(?:^|\s)(?:name|key)[ \t]{0,4}=[ \t]{0,4}(["'])([A-Za-z_][\w.:-]{0,100})\1/i;
/** `<add key="ApiKey" value="…" />` (.NET appSettings, NuGet.Config, many XML configs). */
const XML_KEY_VALUE =
  /\b(?:key|name)[ \t]{0,4}=[ \t]{0,4}(["'])([A-Za-z_][\w.:-]{0,100})\1[ \t]{1,20}value[ \t]{0,4}=[ \t]{0,4}(["'])([^"'\n]{1,500})\3/gi;
/** A call whose first argument names the second: `define('DB_PASSWORD', '…')`, `os.getenv("TOKEN", "…")`. */
// Anchored on the parenthesis (a call follows a name character), not on every name: cheap on long lines.
const CALL_PAIR = /(?<=[\w$])\([ \t]{0,4}(["'])([A-Za-z_][\w.-]{0,100})\1[ \t]{0,4},[ \t]{0,4}/g;
/** An Elixir module attribute at the start of a line: `@token "…"` sets it with no operator. */
const MODULE_ATTRIBUTE = /^[ \t]*(@[a-z_]\w{0,100})[ \t]+(?=")/;
/** The default after an environment lookup: `process.env.TOKEN || '…'`, `ENV['TOKEN'] ?? "…"`, `os.environ.get("TOKEN") or "…"`. */
const ENV_FALLBACK = /^[ \t]*(?:\|\||\?\?|or\b)[ \t]*/;
const ENV_LOOKUP =
  /^(?:process\.env|import\.meta\.env|ENV|os\.environ(?:\.get)?|Deno\.env\.get)(?:\.([A-Za-z_]\w{0,100})|\[["']([A-Za-z_]\w{0,100})["']\]|\(["']([A-Za-z_]\w{0,100})["']\))/;
const STRING_PREFIX = /^(?:[rRbBuUfF]{1,2}|@|\$@?)(?=["'])/;
/** An environment lookup whose argument is quoted (sticky: tested where a bare value starts). */
const LOOKUP_CALL = /ENV\[|os\.environ(?:\.get)?[[(]|Deno\.env\.get\(|process\.env\[/y;

/**
 * How far the reads of `readValue` and `envFallback` went since it was last reset (exclusive): a
 * value is read to its closing quote, wherever that is. Long lines keep what a match yielded
 * until an edit reaches what it read (longLineAssignments.ts).
 */
export const reading = { to: 0 };
/** Past where a value is looked for, the fixed-size reads (a type annotation, a string prefix, a look-up call) end before this. */
const FIXED_READS = 300;

function readValue(line: string, at: number, afterColon: boolean): Omit<Assignment, 'name' | 'nameStart'> | undefined {
  let i = at;
  if (afterColon) {
    // Every match holds an `=`: most values after a colon (a minified object literal's) have none near.
    const head = line.slice(i, i + 120);
    const annotated = head.includes('=') ? TYPE_ANNOTATION.exec(head) : null;
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
    reading.to = Math.max(reading.to, at + FIXED_READS, end < 0 ? line.length : end + quote.length);
    if (end < 0) return undefined;
  } else {
    // A `#` opens a comment only at the start of a word (YAML, shell, compose, INI): inside an
    // unquoted value it is part of it (`POSTGRES_PASSWORD: wwA5#9Dk`, `PGPASSWORD=Lf#b0i psql`).
    if (line[start] === '#') {
      reading.to = Math.max(reading.to, at + FIXED_READS);
      return undefined;
    }
    end = start;
    while (end < line.length && !' \t;,"\'<>)}]&\r'.includes(line[end])) end++;
    // `ENV['X']`, `os.environ.get("X")`: the lookup's brackets and quotes belong to the expression.
    if ('EopD'.includes(line[start])) {
      LOOKUP_CALL.lastIndex = start;
      if (LOOKUP_CALL.test(line)) {
        const close = line.slice(start, start + 160).search(/[)\]]/);
        if (close > 0) end = start + close + 1;
      }
    }
    reading.to = Math.max(reading.to, at + FIXED_READS, end + 1);
  }
  if (end <= start) return undefined;
  return { value: line.slice(start, end), valueStart: start, valueEnd: end, quote: quote.slice(-1) };
}

/** A quoted default after an environment lookup, named by the variable the lookup reads. */
function envFallback(
  line: string,
  lookup: Omit<Assignment, 'name' | 'nameStart'>,
  name: string,
  nameStart: number,
): Assignment | undefined {
  const env = ENV_LOOKUP.exec(lookup.value);
  if (!env) return undefined;
  reading.to = Math.max(reading.to, lookup.valueEnd + 16);
  const op = ENV_FALLBACK.exec(line.slice(lookup.valueEnd, lookup.valueEnd + 16));
  if (!op) return undefined;
  const value = readValue(line, lookup.valueEnd + op[0].length, false);
  return value?.quote ? { name: env[1] ?? env[2] ?? env[3] ?? name, ...value, nameStart } : undefined;
}

/**
 * The regexes whose matches make a line's assignments, in the order `findAssignments` lists what
 * they find, and what one match yields (`…Hit`): long lines re-match these around an edit only
 * (longLineAssignments.ts) and put the hits together as `findAssignments` does.
 */
export const ASSIGNMENT_REGEXES = { name: NAME_AND_OPERATOR, call: CALL_PAIR, element: XML_ELEMENT, keyValue: XML_KEY_VALUE } as const;

/** `@token "…"` at the start of the line (an Elixir module attribute), if the line starts so. */
export function moduleAttribute(line: string): Assignment | undefined {
  const attribute = line.includes('@') ? MODULE_ATTRIBUTE.exec(line) : null;
  if (!attribute) return undefined;
  const value = readValue(line, attribute[0].length, false);
  return value?.quote ? { name: attribute[1], ...value, nameStart: attribute[0].indexOf('@') } : undefined;
}

/**
 * What a match of the name-and-operator regex yields: the assignment, if any, and whether a `#`
 * is right before the name (kept out of the list when it is inside the last assignment's bare
 * value: `insideBareValue`).
 */
export function nameHit(line: string, m: RegExpExecArray): { assignment?: Assignment; afterHash: boolean } {
  const afterHash = line[m.index - 1] === '#';
  // `name:value` glued together, with a bare name, is part of a URI, an ARN or a path
  // (`…:secret:prod/db`), not a mapping: YAML needs a space after the colon.
  if (m[2] === ':' && m[0].endsWith(':') && !/["'`]/.test(m[0]) && !/["'`]/.test(line[m.index + m[0].length] ?? '')) return { afterHash };
  const value = readValue(line, m.index + m[0].length, m[2] === ':');
  if (!value) return { afterHash };
  const fallback = value.quote ? undefined : envFallback(line, value, m[1], m.index);
  return { assignment: fallback ?? { name: m[1], ...value, nameStart: m.index }, afterHash };
}

/** What a match of the call-pair regex yields: the quoted second argument, named by the first. */
export function callHit(line: string, m: RegExpExecArray): Assignment | undefined {
  const value = readValue(line, m.index + m[0].length, false);
  // The name is the quoted first argument: it starts one past its quote.
  return value?.quote ? { name: m[2], ...value, nameStart: m.index + m[0].indexOf(m[1]) + 1 } : undefined;
}

export function elementHit(m: RegExpExecArray): Assignment {
  const valueStart = m.index + m[0].indexOf('>') + 1;
  return { name: m[1], value: m[3], valueStart, valueEnd: valueStart + m[3].length, quote: '', nameStart: m.index + 1 };
}

/**
 * An element named by a `name=`/`key=` attribute (`<property name="hibernate.connection.password">`):
 * that name says what the text is (`property` says nothing). Listed before the element's own, so
 * it is the name a quick-fix reads the secret from.
 */
export function elementNameAttributeHit(m: RegExpExecArray): Assignment | undefined {
  const named = m[2] ? XML_NAME_ATTRIBUTE.exec(m[2]) : null;
  if (!named) return undefined;
  const valueStart = m.index + m[0].indexOf('>') + 1;
  const nameStart = m.index + 1 + m[1].length + named.index + named[0].indexOf(named[1]) + 1;
  return { name: named[2], value: m[3], valueStart, valueEnd: valueStart + m[3].length, quote: '', nameStart };
}

export function keyValueHit(m: RegExpExecArray): Assignment {
  const valueEnd = m.index + m[0].length - 1;
  return { name: m[2], value: m[4], valueStart: valueEnd - m[4].length, valueEnd, quote: m[3], nameStart: m.index + m[0].indexOf(m[2]) };
}

/**
 * A name hit is left out when a `#` is right before it inside the last listed assignment's bare
 * value: `Lf#b0i=V8q` is one password, not a value and a second assignment after its `#`.
 * `last` is that assignment (positions in the line), `at` where the hit's match starts.
 */
export function insideBareValue(last: Assignment | undefined, at: number, shift = 0): boolean {
  return last !== undefined && !last.quote && at > last.valueStart + shift && at < last.valueEnd + shift;
}

/** Every assignment on the line, in order. */
export function findAssignments(line: string): Assignment[] {
  const found: Assignment[] = [];
  const attribute = moduleAttribute(line);
  if (attribute) found.push(attribute);
  NAME_AND_OPERATOR.lastIndex = 0;
  for (let m = NAME_AND_OPERATOR.exec(line); m; m = NAME_AND_OPERATOR.exec(line)) {
    const hit = nameHit(line, m);
    if (!hit.assignment || (hit.afterHash && insideBareValue(found.at(-1), m.index))) continue;
    found.push(hit.assignment);
  }
  if (line.includes('(')) {
    CALL_PAIR.lastIndex = 0;
    for (let m = CALL_PAIR.exec(line); m; m = CALL_PAIR.exec(line)) {
      const assignment = callHit(line, m);
      if (assignment) found.push(assignment);
    }
  }
  if (line.includes('</')) {
    XML_ELEMENT.lastIndex = 0;
    for (let m = XML_ELEMENT.exec(line); m; m = XML_ELEMENT.exec(line)) {
      const named = elementNameAttributeHit(m);
      if (named) found.push(named);
      found.push(elementHit(m));
    }
  }
  if (/value[ \t]{0,4}=/i.test(line)) {
    XML_KEY_VALUE.lastIndex = 0;
    for (let m = XML_KEY_VALUE.exec(line); m; m = XML_KEY_VALUE.exec(line)) found.push(keyValueHit(m));
  }
  return found;
}

/** Where snakeName has work beyond lower-casing: a camelCase hump, a separator, a `$`/`@` sigil. */
const SNAKE_BOUNDARY = /[a-z0-9][A-Z]|[A-Z][A-Z][a-z]|[-.\s$@]/;

/**
 * A name in snake_case, lower case, whatever the code's convention: `dbPassword`, `DB-PASSWORD`
 * and `db.password` all become `db_password`, so one name pattern fits every spelling.
 */
export function snakeName(name: string): string {
  // The scanner asks this for every assignment on every keyword line: names that are already
  // snake_case (in any case) take the fast path, the rest one pass without regexes.
  if (!SNAKE_BOUNDARY.test(name)) return name.toLowerCase();
  let out = '';
  let i = 0;
  while (name[i] === '$' || name[i] === '@') i++;
  const first = i;
  for (; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const prev = i > first ? name.charCodeAt(i - 1) : 0;
      const next = name.charCodeAt(i + 1);
      const afterLowerOrDigit = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const endsCapitalRun = prev >= 65 && prev <= 90 && next >= 97 && next <= 122;
      if ((afterLowerOrDigit || endsCapitalRun) && !out.endsWith('_')) out += '_';
      out += String.fromCharCode(c + 32);
    } else if (c === 45 || c === 46 || c === 32 || c === 9) {
      if (!out.endsWith('_')) out += '_';
    } else out += name[i];
  }
  return out;
}

/** A type, not a name, where a typed declaration puts the type after the name. */
const STRING_TYPE = /^(?:string|String|str|\[\]byte)$/;

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
  // Go's `slackToken string = "…"` (a const or var spec): the name is before the type.
  const typed = best && STRING_TYPE.test(best.name) ? /([A-Za-z_]\w*)[ \t]+$/.exec(line.slice(0, best.nameStart)) : null;
  const name =
    typed && !/^(?:const|var|let|val|final|static|public|private|protected|internal|readonly)$/.test(typed[1]) ? typed[1] : best?.name;
  return { keyName: name?.replace(/^[$@]/, ''), quote: quote || undefined };
}

/**
 * The name of a `name`/`value` pair whose value is at `start`: Kubernetes and ECS env entries
 * (`- name: STRIPE_API_KEY` then `value: …`, or `{"name": "X", "value": "…"}`) name the
 * variable in the sibling `name`, which says more than `value`. Reads the line up to the value
 * and the line above it.
 */
export function pairedEntryName(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const sameLine = /["']?name["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][\w.-]{0,100})["']?[ \t]*,[^,]{0,40}$/.exec(
    text.slice(Math.max(lineStart, start - 300), start),
  );
  if (sameLine) return sameLine[1];
  if (lineStart === 0) return undefined;
  const aboveStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const above = /^[ \t]*(?:-[ \t]+)?name:[ \t]*["']?([A-Za-z_][\w.-]{0,100})["']?[ \t]*\r?$/.exec(text.slice(aboveStart, lineStart - 1));
  return above?.[1];
}
