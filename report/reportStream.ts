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

  /** Inside an item of another StreamedArray (serialised whole, below), it is an array like any other. */
  toJSON(): unknown[] {
    return Array.from(this.items, this.map);
  }
}

const INDENT = '  ';

/**
 * The pieces of `JSON.stringify(value, null, 2)`: the same text, joined. A `StreamedArray` in the
 * value (not inside another's element) is written element by element; everything else whole.
 */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  if (value instanceof StreamedArray) {
    yield* streamedChunks(value, depth);
  } else if (!holdsStreamedArray(value)) {
    yield indented(value, depth);
  } else if (Array.isArray(value)) {
    yield* arrayChunks(value, depth);
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

/**
 * A StreamedArray, one piece per element, each serialised whole: a report's findings, skip notes
 * and identities are plain data. Asking each of them whether it holds a StreamedArray, and a
 * generator and two pieces per element, made the JSON report of 442 items 13 ms against 2 for
 * JSON.stringify, in a warm cached audit of ~150 ms; one that did hold one would still be written
 * right (`toJSON` above).
 */
function* streamedChunks<T>({ items, map }: StreamedArray<T>, depth: number): Generator<string> {
  const inner = INDENT.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}${indented(map(item), depth + 1)}`;
    first = false;
  }
  yield first ? '[]' : `\n${INDENT.repeat(depth)}]`;
}

/** A plain array that holds a StreamedArray somewhere: each element as jsonChunks writes it. */
function* arrayChunks(items: readonly unknown[], depth: number): Generator<string> {
  const inner = INDENT.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    // As JSON.stringify writes them in arrays: undefined and functions become null.
    yield* item === undefined || typeof item === 'function' ? ['null'] : jsonChunks(item, depth + 1);
    first = false;
  }
  yield first ? '[]' : `\n${INDENT.repeat(depth)}]`;
}

/**
 * The value as JSON.stringify(…, null, 2) writes it at this depth: its inner lines indented further.
 * Below the top, the value is serialised inside `depth` arrays, which indent it as deep, and the
 * text of those arrays is cut off (a slice, not a copy). Indenting the value's own text instead
 * (a replace of every newline) made a second copy of each finding: rendering the 1 GB tree's
 * 5 MB report took ~130 ms of CPU that way, ~80 ms this way (much of the difference garbage
 * collection, on one thread while the other core sits idle at the end of an audit).
 */
function indented(value: unknown, depth: number): string {
  if (!depth) return JSON.stringify(value, null, 2) ?? 'null';
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  // In an array, a value JSON has no text for (undefined, a function) is written `null`, as above.
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(wrapperOpening(depth), text.length - wrapperClosing(depth));
}

/** Length of `[\n  [\n    ` … : the openings of `depth` nested arrays down to the value's indentation. */
function wrapperOpening(depth: number): number {
  return depth * (depth + 3); // each level i (1..depth): '[', '\n' and 2i spaces
}

/** Length of `\n  ]\n]` … : the closings of `depth` nested arrays after the value. */
function wrapperClosing(depth: number): number {
  return depth * (depth + 1); // each level i (0..depth-1): '\n', 2i spaces and ']'
}

/** Whether a plain object or array holds a StreamedArray (reports have one or two, near the top). */
function holdsStreamedArray(value: unknown): boolean {
  if (value instanceof StreamedArray) return true;
  if (value === null || typeof value !== 'object') return false;
  // Asked of every finding of a report as it is written: loops, not an array of values per object.
  if (Array.isArray(value)) {
    for (const item of value) if (holdsStreamedArray(item)) return true;
    return false;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return false;
  // A plain object: its prototype has no enumerable properties, so these are its own values.
  for (const key in value) if (holdsStreamedArray((value as Record<string, unknown>)[key])) return true;
  return false;
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
