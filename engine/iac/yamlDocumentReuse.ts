/**
 * Parses of multi-document YAML kept between scans of the same file, per document: a keystroke in
 * a 5,000-line Kubernetes manifest changes one of its documents, so only that one is parsed
 * again; the trees of the others are the last scan's, their offsets moved in place to where their
 * text now starts. The result is what `parseYamlSource` gives for the whole file, because
 * every `---` line starts a new document and a document's tree depends on nothing but its own text:
 * - `---` at the start of a line ends any block scalar, and inside a flow collection or a quoted
 *   scalar it is a syntax error (of that piece too);
 * - directives (`%YAML`, `%TAG`) apply to the next document: text with any is parsed whole;
 * - aliases are not resolved (`yamlSource`), so an alias across documents reads the same.
 * With a syntax error, `parseYamlSource` reads each piece on its own (as here) and reports the
 * first error of the whole stream: the stream is parsed again from the first broken piece on, which
 * finds that error (the pieces before it parse, as they do in the whole stream).
 * Kept per path: the pieces of the file's last scan only (like the secret line memo), for the
 * recently scanned files up to a total size, so memory is bounded and old versions are dropped.
 * The property test (test/engine/iac/yamlDocumentReuse.test.ts) compares with `parseYamlSource`.
 *
 * A tree handed out is valid until the next `parse` of the same path, which may move its offsets
 * (as `HclBlockReuse`'s): the analysers read the trees within one scan, never change them (a test
 * runs them on frozen trees) and keep none (findings hold numbers and strings). Copying every
 * document after the edit on every keystroke was a third of a Kubernetes re-check, and most of its
 * garbage. A document whose text occurs twice in the file gets a copy for its second place; with
 * a syntax error in the file, a document holding an empty value gets a copy (such a file's parse
 * places empty values at the document's offset - 1).
 */
import type { MapEntry, SourceNode } from './sourceTree';
import { PieceStore } from './pieceStore';
import { documentStarts, firstSyntaxError, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/**
 * Text kept, all files together (each with the trees of its last scan): the trees take about 20
 * times their text (2.1 MB for a 104 KB manifest), so about 40 MB at most. A larger file is parsed whole.
 */
const KEPT_CHARS = 2 * 1024 * 1024;

/**
 * A document's text (a copy, not a view into an old version of the file) and its trees, or
 * undefined when it does not parse. The trees are placed at offset `at` (0 when parsed; then where
 * they were last handed out), empty values at -1 as a parse of the whole file has them. `scan`:
 * the last parse that handed them out.
 */
interface Kept {
  text: string;
  trees: SourceNode[] | undefined;
  /** True when the trees hold an empty value (at -1), which a file with a syntax error places differently. */
  unplaced: boolean;
  at: number;
  scan: number;
  /** Every node and map entry of the trees, listed the first time they move: moving them is then one flat loop. */
  nodes?: SourceNode[];
  entries?: MapEntry[];
}

export class YamlDocumentReuse {
  private readonly store = new PieceStore<Kept>(KEPT_CHARS);
  private readonly from: number;
  private readonly freeze: boolean;
  /** Documents parsed so far (for tests: how much was reused). */
  parsedDocuments = 0;
  /** Parses so far: stamps which parse handed kept trees out. */
  private scans = 0;

  /**
   * `from`: the smallest text worth reusing (tests set 0). `freeze`: freeze every tree handed out
   * (tests: an analyser that changes one then throws).
   */
  constructor(options: { from?: number; freeze?: boolean } = {}) {
    this.from = options.from ?? REUSE_FROM;
    this.freeze = options.freeze ?? false;
  }

  /** `parseYamlSource(text)`, reusing the documents unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    if (text.length < this.from || text.length > KEPT_CHARS || /^%/m.test(text)) return parseYamlSource(text);
    const starts = documentStarts(text);
    if (starts.length < 3) return parseYamlSource(text);
    const kept = this.store.scan(path, text);
    const scan = ++this.scans;
    const pieces: Array<{ start: number; kept: Kept }> = [];
    let firstBroken = -1;
    let brokenAt = -1; // its index in `starts`
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = starts[i + 1] ?? text.length;
      if (end === start) continue;
      const piece = kept.pieceAt(start, end, (piece) => {
        this.parsedDocuments++;
        const trees = parsedOrUndefined(piece);
        return { text: piece, trees, unplaced: !!trees?.some(hasUnplaced), at: 0, scan: 0 };
      });
      if (!piece.trees && firstBroken < 0) {
        firstBroken = start;
        brokenAt = i;
      }
      pieces.push({ start, kept: piece });
    }
    if (firstBroken < 0) {
      const documents: SourceNode[] = [];
      for (const { start, kept } of pieces) for (const tree of this.handOut(kept, start, scan)) documents.push(tree);
      return { documents };
    }
    const error = errorFrom(text, starts, brokenAt);
    if (!error) return parseYamlSource(text); // never seen: a piece broken only on its own
    // parseYamlSource's reading of a broken file parses each piece at its offset, empty values too.
    const documents: SourceNode[] = [];
    for (const { start, kept } of pieces) {
      if (!kept.trees) continue;
      if (!kept.unplaced) for (const tree of this.handOut(kept, start, scan)) documents.push(tree);
      else
        for (const tree of kept.trees) documents.push(copied(tree, (offset) => (offset < 0 ? offset + start : offset + start - kept.at)));
    }
    return { documents, error };
  }

  /** A kept document's trees at `start`: moved there in place, or copied when already handed out in this parse (or frozen). */
  private handOut(kept: Kept, start: number, scan: number): SourceNode[] {
    const by = start - kept.at;
    const at = (offset: number) => (offset < 0 ? offset : offset + by);
    if (kept.scan === scan) return kept.trees!.map((tree) => this.frozen(copied(tree, at)));
    kept.scan = scan;
    if (by !== 0) {
      if (this.freeze) kept.trees = kept.trees!.map((tree) => this.frozen(copied(tree, at)));
      else shiftedAll(kept, by);
      kept.at = start;
    }
    return kept.trees!.map((tree) => this.frozen(tree));
  }

  private frozen(tree: SourceNode): SourceNode {
    if (this.freeze) deepFreeze(tree);
    return tree;
  }
}

/**
 * The stream's first syntax error when document `i` is the first that does not parse: read from
 * there (the documents before it parse, as in the stream), first with only the next document after
 * it. An error inside document `i` is then the stream's (the parser has read no further than the
 * line after it, which is there); one at its end or beyond may depend on more, and the rest of the
 * stream is read. Typing breaks a document in the middle of a manifest on most keystrokes: reading
 * the rest of the file each time was most of a Kubernetes re-check's parse.
 */
function errorFrom(text: string, starts: number[], i: number): YamlParseResult['error'] {
  return withoutStackTraces(() => errorFromUnder(text, starts, i));
}

function errorFromUnder(text: string, starts: number[], i: number): YamlParseResult['error'] {
  const end = starts[i + 1];
  if (end !== undefined) {
    const near = firstSyntaxError(text.slice(0, starts[i + 2] ?? text.length), starts[i]);
    if (near && near.start < end) return near;
  }
  return firstSyntaxError(text, starts[i]);
}

function parsedOrUndefined(piece: string): SourceNode[] | undefined {
  return withoutStackTraces(() => {
    try {
      return parseYamlDocuments(piece);
    } catch {
      return undefined;
    }
  });
}

/**
 * Runs `f` with no stack traces taken for errors thrown inside. Typing breaks the document under
 * the cursor on most keystrokes, and the parser's exception (only its reason and position are
 * read) took two stack traces each time: about 5% of a Kubernetes re-check.
 */
function withoutStackTraces<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A copy of a tree with every offset moved by `by`. An empty value (`key:`, `--- !tag`) has no
 * position: js-yaml gives -1, which a parse of the whole file keeps as -1 (`keepUnplaced`) and a
 * parse of a piece at its offset moves like the rest.
 */
export function moved(node: SourceNode, by: number, keepUnplaced: boolean): SourceNode {
  return copied(node, (offset) => (offset < 0 && keepUnplaced ? offset : offset + by));
}

/** A copy of a tree with every offset mapped by `at`. */
function copied(node: SourceNode, at: (offset: number) => number): SourceNode {
  switch (node.type) {
    case 'map':
      return {
        ...node,
        start: at(node.start),
        end: at(node.end),
        entries: node.entries.map((e) => ({
          ...e,
          keyStart: at(e.keyStart),
          keyEnd: at(e.keyEnd),
          value: copied(e.value, at),
        })),
      };
    case 'seq':
      return { ...node, start: at(node.start), end: at(node.end), items: node.items.map((item) => copied(item, at)) };
    default:
      return { ...node, start: at(node.start), end: at(node.end) };
  }
}

function hasUnplaced(node: SourceNode): boolean {
  if (node.start < 0 || node.end < 0) return true;
  if (node.type === 'map') return node.entries.some((e) => e.keyStart < 0 || e.keyEnd < 0 || hasUnplaced(e.value));
  return node.type === 'seq' && node.items.some(hasUnplaced);
}

/**
 * Moves the kept trees' offsets by `by` in place, as `shifted` does, through flat lists of their
 * nodes and entries: after a keystroke every document after it moves, and walking each tree again
 * (a call per node, a branch on its type) was the largest part of a Kubernetes re-check.
 */
function shiftedAll(kept: Kept, by: number): void {
  if (!kept.nodes || !kept.entries) {
    const nodes: SourceNode[] = [];
    const entries: MapEntry[] = [];
    const list = (node: SourceNode): void => {
      nodes.push(node);
      if (node.type === 'map')
        for (const e of node.entries) {
          entries.push(e);
          list(e.value);
        }
      else if (node.type === 'seq') for (const item of node.items) list(item);
    };
    for (const tree of kept.trees!) list(tree);
    kept.nodes = nodes;
    kept.entries = entries;
  }
  for (const node of kept.nodes) {
    if (node.start >= 0) node.start += by;
    if (node.end >= 0) node.end += by;
  }
  for (const e of kept.entries) {
    if (e.keyStart >= 0) e.keyStart += by;
    if (e.keyEnd >= 0) e.keyEnd += by;
  }
}

/** Moves a tree's offsets by `by` in place; empty values stay at -1. */
export function shifted(node: SourceNode, by: number): void {
  if (node.start >= 0) node.start += by;
  if (node.end >= 0) node.end += by;
  if (node.type === 'map')
    for (const e of node.entries) {
      if (e.keyStart >= 0) e.keyStart += by;
      if (e.keyEnd >= 0) e.keyEnd += by;
      shifted(e.value, by);
    }
  else if (node.type === 'seq') for (const item of node.items) shifted(item, by);
}

export function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
}
