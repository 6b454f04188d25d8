/**
 * Reports as a sequence of pieces (chunks) rather than one string. A report of 66,000 findings
 * is about 90 MB of JSON: built as one string it costs four to five times that at its peak (the
 * string, its flattened copy and the UTF-8 buffer written). Written piece by piece, the report on
 * disk grows and memory does not: only the findings the audit keeps are held, once.
 */

/** A report, in the order its pieces are written. Joined, the pieces are the whole report. */
export type ReportChunks = Iterable<string>;

/**
 * An array whose elements are written one at a time by `jsonChunks` (each element is serialised
 * on its own, so the whole array never exists as one string). `map` turns an item into what is
 * written, lazily.
 */
export class StreamedArray<T = unknown> {
  constructor(
    readonly items: Iterable<T>,
    readonly map: (item: T) => unknown = (item) => item,
  ) {}
}

const INDENT = '  ';

/**
 * The pieces of `JSON.stringify(value, null, 2)`: the same text, joined. A `StreamedArray`
 * anywhere in the value is written element by element; everything else is serialised whole.
 */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  if (value instanceof StreamedArray) {
    yield* arrayChunks(value.items, value.map, depth);
  } else if (!holdsStreamedArray(value)) {
    yield indented(value, depth);
  } else if (Array.isArray(value)) {
    yield* arrayChunks(value, (item) => item, depth);
  } else {
    const entries = Object.entries(value as object).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (!entries.length) return yield '{}';
    const inner = INDENT.repeat(depth + 1);
    let first = true;
    for (const [key, v] of entries) {
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(v, depth + 1);
      first = false;
    }
    yield `\n${INDENT.repeat(depth)}}`;
  }
}

function* arrayChunks<T>(items: Iterable<T>, map: (item: T) => unknown, depth: number): Generator<string> {
  const inner = INDENT.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    const mapped = map(item);
    // As JSON.stringify writes them in arrays: undefined and functions become null.
    yield* mapped === undefined || typeof mapped === 'function' ? ['null'] : jsonChunks(mapped, depth + 1);
    first = false;
  }
  yield first ? '[]' : `\n${INDENT.repeat(depth)}]`;
}

/** The value as JSON.stringify(…, null, 2) writes it at this depth: its inner lines indented further. */
function indented(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  // JSON strings never hold a raw newline: every newline is between tokens.
  return depth ? text.replace(/\n/g, `\n${INDENT.repeat(depth)}`) : text;
}

/** Whether a plain object or array holds a StreamedArray (reports have one or two, near the top). */
function holdsStreamedArray(value: unknown): boolean {
  if (value instanceof StreamedArray) return true;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsStreamedArray);
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return false;
  return Object.values(value).some(holdsStreamedArray);
}

/** Lines joined by newlines, as `lines.join('\n')` would write them (the text and Markdown reports are lines). */
export function* joinedLines(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

/** Each item rendered when it is written, not before. */
export function* eachRendered<T>(items: Iterable<T>, render: (item: T) => string): Generator<string> {
  for (const item of items) yield render(item);
}

/** The whole report as one string (the language server answers with one; tests compare them). */
export function joinChunks(chunks: ReportChunks): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}
