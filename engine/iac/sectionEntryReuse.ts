/**
 * Parses of the entries of one top-level mapping key (a GitHub workflow's `jobs`, a CloudFormation
 * template's `Resources`) kept between scans of the same file: such a file is one YAML document,
 * most of it that key's mapping, and a keystroke changes one entry (a job, a resource), so only
 * that entry is parsed again; the others are the last scan's trees, moved in place to where their
 * text now starts (handed out valid until the next parse of the same path, as YamlDocumentReuse's
 * documents: the analysers never change them, test/engine/iac/yamlDocumentReuse.test.ts runs
 * them on frozen trees). The result is what `parseYamlSource` gives for the whole file (property
 * tests: test/engine/iac/workflowJobReuse.test.ts, test/engine/iac/cloudFormationResourceReuse.test.ts).
 *
 * Used only where the file has the plain layout (`sectionLayout`): one document, no directives,
 * lines ending at `\n` (or `\r\n`), a `key:` line at column 0 with nothing after it, then every
 * line blank, a comment, or indented at least as far as the first entry; each `name:` line at that
 * indentation starts a piece. Where the section allows a trailer (a template's `Outputs` after its
 * `Resources`), the first line at column 0 that is a plain `name:` ends the section, and the rest
 * of the file is one more piece, the trailer; otherwise any line at column 0 after `key:` makes the
 * layout not plain. The header (up to the first piece, ending in `key:`) is parsed on its own, as
 * the start of the file; each piece is parsed after a line `key:`, so it is read where the file
 * reads it: an entry in a mapping under `key`, at the same depth (the trailer: the next entries of
 * the top-level mapping, after the section's). A line at the entries' indentation ends whatever the
 * piece before it had open (a block scalar, a plain scalar, a nested mapping), and what it cannot
 * end (a quoted scalar, a flow collection) is a syntax error of that piece too; the same holds for
 * the trailer's first line, at column 0. So when every piece reads as one entry (one entry, at the
 * entries' indentation) and the trailer as top-level entries after an empty `key`, the tree of the
 * file is the header's with these entries put in as the value of `key`, and the trailer's after it;
 * a file whose pieces do not have that shape is parsed whole.
 *
 * With a syntax error a single-document file has no tree, only its first error: the pieces before
 * the first broken one read as in the file, so the error is in that piece or after it, and it is
 * read from there (`errorFrom`), not from the start of the file. Reading only the piece also keeps
 * js-yaml's error snippet (made from every line of the text it was given) small: typing breaks a
 * template on most keystrokes, and that snippet over the whole file was a tenth of a re-check.
 *
 * Kept per path: the pieces of the file's last scan only, for the recently scanned files up to a
 * total size (as `YamlDocumentReuse`).
 */
import type { MapEntry, MapNode, SourceNode } from './sourceTree';
import { PieceStore } from './pieceStore';
import { firstSyntaxError, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';
import { deepFreeze, moved, shifted } from './yamlDocumentReuse';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/** Text kept, all files together (each with the trees of its last scan). A larger file is parsed whole. */
const KEPT_CHARS = 2 * 1024 * 1024;

/** The top-level key whose entries are parsed one by one, and whether top-level keys may follow it. */
export class Section {
  /** What a piece is parsed after: the key's line, at the top level. */
  readonly prefix: string;
  /** The key's line in the file: nothing after it but blanks and a comment. */
  readonly line: RegExp;

  constructor(
    readonly key: string,
    readonly trailer: boolean,
  ) {
    this.prefix = `${key}:\n`;
    this.line = new RegExp(`^${key}:[ \\t]*(?:#[^\\n]*)?\\r?$`);
  }
}

interface Kept {
  text: string;
  /** The piece's documents (parsed after the section's `prefix`, at offset 0 of that), or undefined when it does not parse. */
  trees: SourceNode[] | undefined;
  /** How far the piece's values (its trees under their keys) have been moved from where the parse put them. */
  at: number;
  /** The last parse that handed the piece's values out. */
  scan: number;
}

export class SectionEntryReuse {
  private readonly store = new PieceStore<Kept>(KEPT_CHARS);
  private readonly from: number;
  private readonly freeze: boolean;
  /** Pieces parsed so far (for tests: how much was reused). */
  parsedPieces = 0;
  /** Parses so far: stamps which parse handed a piece's values out. */
  private scans = 0;

  /**
   * `from`: the smallest text worth reusing (tests set 0). `freeze`: freeze every value handed out
   * (tests: an analyser that changes one then throws).
   */
  constructor(
    private readonly section: Section,
    options: { from?: number; freeze?: boolean } = {},
  ) {
    this.from = options.from ?? REUSE_FROM;
    this.freeze = options.freeze ?? false;
  }

  /** `parseYamlSource(text)`, reusing the entries unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    return this.reused(path, text) ?? parseYamlSource(text);
  }

  /**
   * `parseYamlSource(text)`, reusing the entries unchanged since the last parse of `path`; undefined
   * when the file is not read in pieces (too small or large, not the plain layout, a piece not shaped
   * as an entry): the caller parses it whole, its own way.
   */
  reused(path: string, text: string): YamlParseResult | undefined {
    if (text.length < this.from || text.length > KEPT_CHARS) return undefined;
    const layout = sectionLayout(text, this.section);
    if (!layout) return undefined;
    const { prefix } = this.section;
    const pieces = this.store.scan(path, text);
    const pieceAt = (start: number, end: number, after: string): Kept =>
      pieces.pieceAt(start, end, (piece) => {
        this.parsedPieces++;
        return { text: piece, trees: parsedOrUndefined(after + piece), at: 0, scan: 0 };
      });

    const { starts, indent, keyAt, end } = layout;
    const header = pieceAt(0, starts[0], '').trees;
    const root = header?.length === 1 ? header[0] : undefined;
    const sectionEntry = root?.type === 'map' ? root.entries[root.entries.length - 1] : undefined;
    if (!root || root.type !== 'map' || !isEmptyEntry(sectionEntry, this.section.key, keyAt)) return undefined;

    // Where each piece ends: the next piece's start, the trailer's, or the end of the file.
    const bounds = end < text.length ? [...starts, end] : starts;
    const scan = ++this.scans;
    const entries: MapEntry[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const piece = pieceAt(start, bounds[i + 1] ?? text.length, prefix);
      if (!piece.trees) return this.broken(text, bounds, i);
      const entry = entryOf(piece.trees, prefix, indent, piece.at);
      if (!entry) return undefined;
      for (const e of this.handOut(piece, [entry], start - prefix.length, scan)) entries.push(e);
    }
    // As the parse of the file builds a block mapping: from its first key, to the furthest end of a value.
    const valueStart = entries[0].keyStart;
    const value: MapNode = { type: 'map', entries, start: valueStart, end: valueStart + 1 };
    for (const e of entries) if (e.value.end > value.end) value.end = e.value.end;
    const file = moved(root, 0, true) as MapNode;
    file.entries[file.entries.length - 1] = { ...file.entries[file.entries.length - 1], value };
    if (value.end > file.end) file.end = value.end;
    if (end < text.length) {
      const piece = pieceAt(end, text.length, prefix);
      if (!piece.trees) return this.broken(text, bounds, starts.length);
      const tail = trailerOf(piece.trees, this.section.key, piece.at);
      if (!tail) return undefined;
      for (const e of this.handOut(piece, tail, end - prefix.length, scan)) {
        file.entries.push(e);
        if (e.value.end > file.end) file.end = e.value.end;
      }
    }
    return { documents: [file] };
  }

  /** The file's reading when piece `i` is the first that does not parse: its first error, or undefined to parse it whole. */
  private broken(text: string, bounds: number[], i: number): YamlParseResult | undefined {
    const error = errorFrom(text, bounds, i, this.section.prefix);
    return error && { documents: [], error };
  }

  /**
   * A kept piece's entries placed `by` further than the parse put them: their values moved there
   * in place and handed out (valid until the next parse of the same path, as YamlDocumentReuse's
   * documents; copying every job on every keystroke was most of a workflow re-check's garbage),
   * or copies when this parse already handed them out (a piece whose text occurs twice) or trees
   * are frozen.
   */
  private handOut(kept: Kept, entries: MapEntry[], by: number, scan: number): MapEntry[] {
    const placed = (e: MapEntry, value: SourceNode): MapEntry => ({
      key: e.key,
      keyStart: e.keyStart + by,
      keyEnd: e.keyEnd + by,
      value: this.frozen(value),
    });
    if (kept.scan === scan) return entries.map((e) => placed(e, moved(e.value, by - kept.at, true)));
    kept.scan = scan;
    if (by !== kept.at) {
      for (const e of entries)
        if (this.freeze) e.value = moved(e.value, by - kept.at, true);
        else shifted(e.value, by - kept.at);
      kept.at = by;
    }
    return entries.map((e) => placed(e, e.value));
  }

  private frozen(tree: SourceNode): SourceNode {
    if (this.freeze) deepFreeze(tree);
    return tree;
  }
}

/**
 * The file's first syntax error when piece `i` is the first that does not parse (`bounds`: where
 * each piece starts, the trailer's start last): the pieces before it read as in the file, so the
 * error is in the rest, read after `prefix` as the file reads it. First that piece with the next
 * one after it: its error cannot depend on more than the line that follows it (a line at the
 * entries' indentation, or at column 0, ends every block construct, and js-yaml looks ahead one
 * line at most); when the error lies in that next piece or at its end, the whole rest is read.
 * Undefined when that finds none: the file is then parsed whole.
 */
function errorFrom(text: string, bounds: number[], i: number, prefix: string): YamlParseResult['error'] {
  const start = bounds[i];
  const end = bounds[i + 1];
  const from = (to: number) => {
    const error = firstSyntaxError(prefix + text.slice(start, to), 0);
    const by = start - prefix.length;
    return error && { message: error.message, start: error.start + by, end: error.end + by };
  };
  const near = end === undefined ? undefined : from(bounds[i + 2] ?? text.length);
  return near && near.start < end! ? near : from(text.length);
}

/** A value's end as the parse put it, before it was moved `by` (an empty value stays at -1). */
const parsedEnd = (value: SourceNode, by: number) => (value.end < 0 ? value.end : value.end - by);

/**
 * The one entry a piece parsed after `prefix` holds, or undefined when it holds something else.
 * `moved`: how far the entry's value has been moved since the parse (`handOut`).
 */
function entryOf(trees: SourceNode[], prefix: string, indent: number, moved: number): MapEntry | undefined {
  const root = trees.length === 1 ? trees[0] : undefined;
  const section = root?.type === 'map' && root.entries.length === 1 ? root.entries[0].value : undefined;
  const entry = section?.type === 'map' && section.entries.length === 1 ? section.entries[0] : undefined;
  // An entry without a plain key (`? [a]`, `: b`) is left out of the tree but still extends the
  // mapping's end, which is rebuilt from the entries: such a piece is not an entry.
  const end = entry && Math.max(section!.start + 1, parsedEnd(entry.value, moved));
  return entry?.keyStart === prefix.length + indent && section!.end === end ? entry : undefined;
}

/**
 * The top-level entries the trailer (parsed after the section's empty `key:` line) holds, its
 * first at the trailer's start, or undefined when it holds something else (as `entryOf`).
 */
function trailerOf(trees: SourceNode[], key: string, moved: number): MapEntry[] | undefined {
  const root = trees.length === 1 ? trees[0] : undefined;
  if (root?.type !== 'map' || root.entries.length < 2 || !isEmptyEntry(root.entries[0], key, 0)) return undefined;
  const tail = root.entries.slice(1);
  if (tail[0].keyStart !== key.length + 2) return undefined;
  let end = root.start + 1;
  for (const e of tail) end = Math.max(end, parsedEnd(e.value, moved));
  return root.end === end ? tail : undefined;
}

function parsedOrUndefined(text: string): SourceNode[] | undefined {
  try {
    return parseYamlDocuments(text);
  } catch {
    return undefined;
  }
}

/** `key:` with nothing after it, read on its own: an empty value, which has no position. */
function isEmptyEntry(entry: MapEntry | undefined, key: string, keyStart: number): boolean {
  const value = entry?.value;
  return (
    entry?.key === key &&
    entry.keyStart === keyStart &&
    value?.type === 'scalar' &&
    value.value === null &&
    value.start === -1 &&
    value.end === -1
  );
}

/** A plain key (what starts a piece, at the entries' indentation, or the trailer, at column 0). */
const PLAIN_KEY = /[A-Za-z_][\w-]*[ \t]*:(?=[ \t\r\n]|$)/y;

/** Per indentation of the entries: a line feed before a line indented no deeper than that (`sectionLayout`). */
const shallowLines = new Map<number, RegExp>();
/** A line whose indentation holds a tab (after any spaces). */
const TAB_INDENT = /\n *\t/g;

/** Where a file read in pieces has its section key, its entries' indentation, where each entry starts and where the trailer starts. */
export interface SectionLayout {
  keyAt: number;
  indent: number;
  starts: number[];
  /** Where the trailer starts: the length of the text when there is none. */
  end: number;
}

/**
 * Where the header ends and each entry starts, the entries' indentation, where the key is and
 * where the trailer starts; undefined unless the file has the plain layout described above (then
 * it is parsed whole). Runs on every keystroke: past the first entry only the lines that can
 * matter are visited (those indented no deeper than the entries, found by a regex, and any with a
 * tab in its indentation), not every line of the file (that walk was a fifth of a workflow's re-check).
 */
export function sectionLayout(text: string, section: Section): SectionLayout | undefined {
  // indexOf first: a regex over 127 KB costs a tenth of a millisecond, indexOf a hundredth.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  let keyAt = -1;
  let indent = -1;
  let end = -1;
  const starts: number[] = [];
  /**
   * What a line after `key:` says, its first character other than a space at `i`: false when the
   * file has not the plain layout; a line that starts the trailer sets `end`.
   */
  const line = (at: number, i: number): boolean => {
    const c = text.charCodeAt(i);
    // Empty, `\r` (always before `\n` here), or a comment: nothing to say.
    if (i >= text.length || c === 10 || c === 13 || c === 35) return true;
    const n = i - at;
    if (c === 9) return false; // a tab
    if (n === 0) {
      // More of the top-level mapping: a trailer when the section allows one and it starts with a plain key.
      if (!section.trailer || !starts.length) return false;
      PLAIN_KEY.lastIndex = i;
      if (!PLAIN_KEY.test(text)) return false;
      end = at;
      return true;
    }
    if (indent < 0) indent = n;
    if (n < indent) return false;
    if (n === indent) {
      // Only a `name:` line starts a piece: after `key:` anything else would be read as the
      // value of `key`, not as the next entry of its mapping. Another line (being typed, or
      // broken) stays in the piece before it, which then reads as the file does.
      PLAIN_KEY.lastIndex = i;
      if (PLAIN_KEY.test(text)) starts.push(at);
      else if (!starts.length) return false;
    }
    return true;
  };
  const spacesFrom = (at: number) => {
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    return i;
  };
  // Line by line to the `key:` line and the first line after it that is not blank (the first entry's).
  let at = 0;
  while (at < text.length && indent < 0) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (keyAt < 0) {
      if (text.startsWith(section.prefix.slice(0, -1), at) && section.line.test(text.slice(at, nl))) keyAt = at;
    } else if (!line(at, spacesFrom(at))) return undefined;
    at = nl + 1;
  }
  if (keyAt < 0 || indent < 0) return undefined;
  // The other lines: those indented no deeper than the entries are read (the line feed before
  // each, from the one ending the last line read), up to the trailer's start.
  let shallow = shallowLines.get(indent);
  if (!shallow) shallowLines.set(indent, (shallow = new RegExp(`\\n(?! {${indent + 1}})`, 'g')));
  shallow.lastIndex = at - 1;
  for (let m = shallow.exec(text); m && end < 0; m = shallow.exec(text)) {
    const start = m.index + 1;
    if (start >= text.length) break;
    if (!line(start, spacesFrom(start))) return undefined;
  }
  if (end < 0) end = text.length;
  // One whose indentation holds a tab, before the trailer (read on its own), ends the plain layout.
  if (text.includes('\t', at)) {
    TAB_INDENT.lastIndex = at - 1;
    const tab = TAB_INDENT.exec(text);
    if (tab && tab.index + 1 < end) return undefined;
  }
  // A document marker or directive in the section is a line at column 0 (not a plain key), which
  // ends the layout above; only the header and the trailer are searched for one (searching the
  // whole text for two-character needles that start at every line feed was a third of this function).
  if (markerLine(text.slice(0, keyAt)) || (end < text.length && markerLine(text.slice(end)))) return undefined;
  return starts.length >= 2 ? { keyAt, indent, starts, end } : undefined;
}

/** Whether a line of the text is a document marker (`---`, `...`) or a directive (`%YAML`). */
function markerLine(text: string): boolean {
  return /^(?:%|---|\.\.\.)/.test(text) || ['\n%', '\n---', '\n...'].some((marker) => text.includes(marker));
}
