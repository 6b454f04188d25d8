/**
 * Parses of a Terraform file's top-level blocks kept between scans of the same file: a keystroke
 * in a 5,000-line module changes one block, so only that block is tokenized and parsed again; the
 * others are the last scan's trees, their offsets moved in place to where their text now starts.
 * The result is what `parseHcl` gives for the whole file (property test:
 * test/engine/iac/hclBlockReuse.test.ts).
 *
 * A tree handed out is valid until the next `parse` of the same path, which may move its offsets:
 * the engine reads the trees within one scan and keeps none of them (findings hold numbers and
 * strings). Moving in place rather than copying: a keystroke moves every block after it, and
 * copying half a 5,000-line module's trees per keystroke made megabytes of garbage whose
 * collection (10–20 ms pauses) was the editor's p95 re-check time.
 *
 * The file is cut before each line that starts with an identifier and holds a `{` (a block header
 * such as `resource "aws_iam_role" "app" {`). A piece read on its own reads as it does inside the
 * file when the file's parse is between top-level items where the piece starts and the piece is
 * `closed` (`parseHclPiece`: nothing of it runs on into the next piece). The first piece starts
 * the file; so, piece by piece, every closed piece starts where the file's parse is at the top
 * level. A piece that is not closed (an unclosed block or bracket, a heredoc whose body has a
 * line like a header, an unterminated comment) is read together with the pieces after it, twice
 * as many each time, until the group is closed or reaches the end of the file: at worst the whole
 * rest of the file is parsed as one piece, which is the whole-file parse from there.
 *
 * Kept per path: the pieces of the file's last scan only, for the recently scanned files up to a
 * total size (as `YamlDocumentReuse`), so memory is bounded and old versions are dropped.
 */
import { PieceStore } from '../pieceStore';
import {
  parseHcl,
  parseHclPiece,
  type HclAttribute,
  type HclBlock,
  type HclBody,
  type HclExpr,
  type HclFile,
  type HclParseError,
} from './hclParser';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/** Text kept, all files together (each with the trees of its last scan). A larger file is parsed whole. */
const KEPT_CHARS = 2 * 1024 * 1024;

/**
 * A piece's text (a copy, not a view into an old version of the file) and its parse, placed at
 * offset `at` (0 when parsed; then where the piece was last handed out). `scan`: the last parse
 * that handed its tree out (a piece whose text occurs twice in a file is handed out twice).
 */
interface Kept {
  text: string;
  file: HclFile;
  closed: boolean;
  at: number;
  scan: number;
}

export class HclBlockReuse {
  private readonly store = new PieceStore<Kept>(KEPT_CHARS);
  private readonly from: number;
  /** Pieces parsed so far (for tests: how much was reused). */
  parsedPieces = 0;
  /** Parses so far: stamps which parse handed a kept tree out. */
  private scans = 0;

  private readonly freeze: boolean;

  /**
   * `from`: the smallest text worth reusing (tests set 0). `freeze`: freeze every tree handed out
   * (tests: an analyser that changes one then throws).
   */
  constructor(options: { from?: number; freeze?: boolean } = {}) {
    this.from = options.from ?? REUSE_FROM;
    this.freeze = options.freeze ?? false;
  }

  /** `parseHcl(text)`, reusing the top-level blocks unchanged since the last parse of `path`. */
  parse(path: string, text: string): HclFile {
    if (text.length < this.from || text.length > KEPT_CHARS) return parseHcl(text);
    const cuts = blockStarts(text);
    if (cuts.length < 3) return parseHcl(text);
    const scan = ++this.scans;
    const pieces = this.store.scan(path, text);
    const pieceAt = (start: number, end: number): Kept =>
      pieces.pieceAt(start, end, (piece) => {
        const kept = { text: piece, ...parseHclPiece(piece), at: 0, scan: 0 };
        this.handOut(kept.file);
        this.parsedPieces++;
        return kept;
      });

    const body: HclBody = { attributes: [], blocks: [], start: 0, end: text.length };
    const errors: HclParseError[] = [];
    for (let i = 0; i < cuts.length;) {
      let count = 1;
      let kept = pieceAt(cuts[i], cuts[i + 1] ?? text.length);
      while (!kept.closed && i + count < cuts.length) {
        count = Math.min(count * 2, cuts.length - i);
        kept = pieceAt(cuts[i], cuts[i + count] ?? text.length);
      }
      // Trees are handed out as kept: a piece where it was last time (before the edit) costs
      // nothing, one moved by the edit has its offsets moved in place. A tree already handed out
      // in this parse (the same text twice in the file) is copied for its second place instead.
      // Frozen trees (tests) are copied too.
      let file = kept.file;
      const by = cuts[i] - kept.at;
      if (kept.scan === scan) file = this.handOut(movedFile(kept.file, by));
      else {
        kept.scan = scan;
        if (by !== 0) {
          if (this.freeze) kept.file = this.handOut(movedFile(kept.file, by));
          else shiftFile(kept.file, by);
          kept.at = cuts[i];
        }
        file = kept.file;
      }
      if (i === 0) body.start = file.body.start;
      // Indexed loops here and in the moves below: they run for every piece (a few hundred per
      // keystroke), mostly over lists of none or one, and a `for…of` makes an iterator each time
      // until the JIT has optimised the function (the first edits after opening a file).
      const { attributes, blocks } = file.body;
      for (let k = 0; k < attributes.length; k++) body.attributes.push(attributes[k]);
      for (let k = 0; k < blocks.length; k++) body.blocks.push(blocks[k]);
      for (let k = 0; k < file.errors.length; k++) errors.push(file.errors[k]);
      i += count;
    }

    return { body, errors };
  }

  private handOut(file: HclFile): HclFile {
    if (this.freeze) deepFreeze(file);
    return file;
  }
}

/**
 * 0, then the start of every line that begins with an identifier character and holds a `{`. Lines
 * end at `\n` only, as for the HCL lexer (a regex's `m` flag would also start lines after `\r`
 * and U+2028).
 */
export function blockStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0 && nl + 1 < text.length;) {
    const at = nl + 1;
    const c = text.charCodeAt(at);
    nl = text.indexOf('\n', at);
    const isIdentStart = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!isIdentStart) continue;
    const brace = text.indexOf('{', at);
    if (brace >= 0 && (nl < 0 || brace < nl)) starts.push(at);
  }
  return starts;
}

/*
 * Kept trees with every offset moved by `by`: in place (`shift…`), or as copies (`moved…`) where a
 * tree must stay as it is. Analysers read HCL trees and never change them (the property tests run
 * them on frozen trees).
 */

function shiftFile(file: HclFile, by: number): void {
  shiftBody(file.body, by);
  for (let i = 0; i < file.errors.length; i++) {
    const e = file.errors[i];
    e.start += by;
    e.end += by;
  }
}

function shiftBody(body: HclBody, by: number): void {
  body.start += by;
  body.end += by;
  for (let i = 0; i < body.attributes.length; i++) {
    const a = body.attributes[i];
    a.nameStart += by;
    a.nameEnd += by;
    a.start += by;
    a.end += by;
    shiftExpr(a.value, by);
  }
  for (let i = 0; i < body.blocks.length; i++) {
    const b = body.blocks[i];
    for (let j = 0; j < b.labels.length; j++) {
      const l = b.labels[j];
      l.start += by;
      l.end += by;
    }
    shiftBody(b.body, by);
    b.start += by;
    b.end += by;
    b.open += by;
    b.close += by;
  }
}

function shiftExpr(e: HclExpr, by: number): void {
  e.start += by;
  e.end += by;
  switch (e.kind) {
    case 'heredoc':
      e.contentStart += by;
      break;
    case 'tuple':
      for (let i = 0; i < e.items.length; i++) shiftExpr(e.items[i], by);
      break;
    case 'object':
      for (let i = 0; i < e.items.length; i++) {
        const item = e.items[i];
        item.keyStart += by;
        item.keyEnd += by;
        shiftExpr(item.value, by);
      }
      break;
    case 'call':
      for (let i = 0; i < e.args.length; i++) shiftExpr(e.args[i], by);
      break;
  }
}

function movedFile(file: HclFile, by: number): HclFile {
  return {
    body: movedBody(file.body, by),
    errors: file.errors.map((e) => ({ message: e.message, start: e.start + by, end: e.end + by })),
  };
}

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
}

function movedBody(body: HclBody, by: number): HclBody {
  return {
    attributes: body.attributes.map((a) => movedAttribute(a, by)),
    blocks: body.blocks.map((b) => movedBlock(b, by)),
    start: body.start + by,
    end: body.end + by,
  };
}

function movedAttribute(a: HclAttribute, by: number): HclAttribute {
  return {
    name: a.name,
    nameStart: a.nameStart + by,
    nameEnd: a.nameEnd + by,
    value: movedExpr(a.value, by),
    start: a.start + by,
    end: a.end + by,
  };
}

function movedBlock(b: HclBlock, by: number): HclBlock {
  return {
    type: b.type,
    labels: b.labels.map((l) => ({ value: l.value, start: l.start + by, end: l.end + by })),
    body: movedBody(b.body, by),
    start: b.start + by,
    end: b.end + by,
    open: b.open + by,
    close: b.close + by,
  };
}

/** One object shape per kind, written out: a spread copy is several times slower before the JIT has warmed up. */
function movedExpr(e: HclExpr, by: number): HclExpr {
  const start = e.start + by;
  const end = e.end + by;
  switch (e.kind) {
    case 'string':
      return { kind: 'string', value: e.value, templated: e.templated, start, end };
    case 'literal':
      return { kind: 'literal', value: e.value, start, end };
    case 'ref':
      return { kind: 'ref', text: e.text, start, end };
    case 'other':
      return { kind: 'other', text: e.text, start, end };
    case 'heredoc':
      return { kind: 'heredoc', raw: e.raw, contentStart: e.contentStart + by, templated: e.templated, start, end };
    case 'tuple':
      return { kind: 'tuple', items: e.items.map((item) => movedExpr(item, by)), start, end };
    case 'object':
      return {
        kind: 'object',
        items: e.items.map((item) => ({
          key: item.key,
          keyStart: item.keyStart + by,
          keyEnd: item.keyEnd + by,
          value: movedExpr(item.value, by),
        })),
        start,
        end,
      };
    case 'call':
      return { kind: 'call', name: e.name, args: e.args.map((arg) => movedExpr(arg, by)), start, end };
  }
}
