/**
 * Parses of multi-document YAML kept between scans of the same file, per document: a keystroke in
 * a 5,000-line Kubernetes manifest changes one of its documents, so only that one is parsed
 * again; the trees of the others are copied from the last scan with their offsets moved to where
 * their text now starts. The result is the tree a whole-file parse gives, because every `---`
 * line starts a new document and a document's tree depends on nothing but its own text:
 * - `---` at the start of a line ends any block scalar, and inside a flow collection or a quoted
 *   scalar it is a syntax error (of that piece too);
 * - directives (`%YAML`, `%TAG`) apply to the next document: text with any is parsed whole;
 * - aliases are not resolved (`yamlSource`), so an alias across documents reads the same;
 * - a syntax error anywhere: the file is parsed whole, so the error and the documents around it
 *   are reported exactly as before.
 * Kept per path: the pieces of the file's last scan only (like the secret line memo), for a few
 * recently scanned files, so memory is bounded by those files and old versions are dropped.
 */
import type { SourceNode } from './sourceTree';
import { detached } from '../text/detachedText';
import { documentStarts, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/** Files kept (each with the trees of its last scan). */
const FILES = 8;

export class YamlDocumentReuse {
  /** Path → document text → its trees at offset 0; most recently scanned path last. */
  private readonly files = new Map<string, Map<string, Kept>>();
  private readonly from: number;
  /** Documents parsed so far (for tests: how much was reused). */
  parsedDocuments = 0;

  /** `from`: the smallest text worth reusing (tests set 0). */
  constructor(options: { from?: number } = {}) {
    this.from = options.from ?? REUSE_FROM;
  }

  /** `parseYamlSource(text)`, reusing the documents unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    if (text.length < this.from || /^%/m.test(text)) return parseYamlSource(text);
    const starts = documentStarts(text);
    if (starts.length < 3) return parseYamlSource(text);
    const previous = this.files.get(path);
    this.files.delete(path);
    const next = new Map<string, Kept>();
    const documents: SourceNode[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = starts[i + 1] ?? text.length;
      if (end === start) continue;
      const piece = text.slice(start, end);
      let kept = next.get(piece) ?? previous?.get(piece);
      if (!kept) {
        try {
          kept = { text: detached(piece), trees: parseYamlDocuments(piece) };
          this.parsedDocuments++;
        } catch {
          return parseYamlSource(text); // the whole-file parse reports the error, and what else it can read
        }
      }
      next.set(kept.text, kept);
      for (const tree of kept.trees) documents.push(moved(tree, start));
    }
    this.files.set(path, next);
    if (this.files.size > FILES) this.files.delete(this.files.keys().next().value!);
    return { documents };
  }
}

/** A document's text (a copy, not a view into an old version of the file) and its trees at offset 0. */
interface Kept {
  text: string;
  trees: SourceNode[];
}

/**
 * A copy of a tree with every offset moved by `by`. Always a copy, also for `by` 0: the kept
 * trees are never handed to an analyser, so nothing an analyser does to a tree reaches the next scan.
 * An empty value with a tag (`--- !tag`) has no position: js-yaml gives -1, which the whole-file
 * parse keeps as -1 (not moved), so negative offsets stay as they are here too.
 */
function moved(node: SourceNode, by: number): SourceNode {
  const at = (offset: number) => (offset < 0 ? offset : offset + by);
  switch (node.type) {
    case 'map':
      return {
        ...node,
        start: at(node.start),
        end: at(node.end),
        entries: node.entries.map((e) => ({ ...e, keyStart: at(e.keyStart), keyEnd: at(e.keyEnd), value: moved(e.value, by) })),
      };
    case 'seq':
      return { ...node, start: at(node.start), end: at(node.end), items: node.items.map((item) => moved(item, by)) };
    default:
      return { ...node, start: at(node.start), end: at(node.end) };
  }
}
