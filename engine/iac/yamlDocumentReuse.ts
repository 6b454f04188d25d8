/**
 * Parses of multi-document YAML kept between scans of the same file, per document: a keystroke in
 * a 5,000-line Kubernetes manifest changes one of its documents, so only that one is parsed
 * again; the trees of the others are copied from the last scan with their offsets moved to where
 * their text now starts. The result is what `parseYamlSource` gives for the whole file, because
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
 */
import type { SourceNode } from './sourceTree';
import { PieceStore } from './pieceStore';
import { documentStarts, firstSyntaxError, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/**
 * Text kept, all files together (each with the trees of its last scan): the trees take about 20
 * times their text (2.1 MB for a 104 KB manifest), so about 40 MB at most. A larger file is parsed whole.
 */
const KEPT_CHARS = 2 * 1024 * 1024;

/** A document's text (a copy, not a view into an old version of the file) and its trees at offset 0, or undefined when it does not parse. */
interface Kept {
  text: string;
  trees: SourceNode[] | undefined;
}

export class YamlDocumentReuse {
  private readonly store = new PieceStore<Kept>(KEPT_CHARS);
  private readonly from: number;
  /** Documents parsed so far (for tests: how much was reused). */
  parsedDocuments = 0;

  /** `from`: the smallest text worth reusing (tests set 0). */
  constructor(options: { from?: number } = {}) {
    this.from = options.from ?? REUSE_FROM;
  }

  /** `parseYamlSource(text)`, reusing the documents unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    if (text.length < this.from || text.length > KEPT_CHARS || /^%/m.test(text)) return parseYamlSource(text);
    const starts = documentStarts(text);
    if (starts.length < 3) return parseYamlSource(text);
    const kept = this.store.scan(path, text);
    const pieces: Array<{ start: number; trees: SourceNode[] | undefined }> = [];
    let firstBroken = -1;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = starts[i + 1] ?? text.length;
      if (end === start) continue;
      const { trees } = kept.pieceAt(start, end, (piece) => {
        this.parsedDocuments++;
        return { text: piece, trees: parsedOrUndefined(piece) };
      });
      if (!trees && firstBroken < 0) firstBroken = start;
      pieces.push({ start, trees });
    }
    if (firstBroken < 0) return { documents: pieces.flatMap((p) => p.trees!.map((tree) => moved(tree, p.start, true))) };
    const error = firstSyntaxError(text, firstBroken);
    if (!error) return parseYamlSource(text); // never seen: a piece broken only on its own
    // parseYamlSource's reading of a broken file parses each piece at its offset, empty values too.
    return { documents: pieces.flatMap((p) => (p.trees ?? []).map((tree) => moved(tree, p.start, false))), error };
  }
}

function parsedOrUndefined(piece: string): SourceNode[] | undefined {
  try {
    return parseYamlDocuments(piece);
  } catch {
    return undefined;
  }
}

/**
 * A copy of a tree with every offset moved by `by`. Always a copy, also for `by` 0: the kept
 * trees are never handed to an analyser, so nothing an analyser does to a tree reaches the next scan.
 * An empty value (`key:`, `--- !tag`) has no position: js-yaml gives -1, which a parse of the
 * whole file keeps as -1 (`keepUnplaced`) and a parse of a piece at its offset moves like the rest.
 */
export function moved(node: SourceNode, by: number, keepUnplaced: boolean): SourceNode {
  const at = (offset: number) => (offset < 0 && keepUnplaced ? offset : offset + by);
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
          value: moved(e.value, by, keepUnplaced),
        })),
      };
    case 'seq':
      return { ...node, start: at(node.start), end: at(node.end), items: node.items.map((item) => moved(item, by, keepUnplaced)) };
    default:
      return { ...node, start: at(node.start), end: at(node.end) };
  }
}
