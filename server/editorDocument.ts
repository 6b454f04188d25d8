/**
 * The server's copy of an open document, kept cheap to edit. `vscode-languageserver-textdocument`
 * rebuilds the whole text on every incremental change (`before + inserted + after`, then reads a
 * character of the result, which flattens it): one keystroke in a 300 KB file copies 300 KB, and
 * a burst of 10,000 edits keeps the server busy for seconds while requests wait behind it.
 *
 * Here the text is `head + gap + tail`: typing lands in the small `gap` string, and the whole
 * text is joined only when someone reads it (a scan, after the debounce). Line offsets are kept
 * up to date per change as the library does, so positions and offsets agree with it exactly
 * (test/server/editorDocument.test.ts replays random edits against the library's document).
 *
 * A document larger than any configuration may scan (`MAX_LIMITS.maxFileBytes`) keeps no text at
 * all: its size is enough to say why it is not scanned, and nothing splits or hashes 200 MB.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_LIMITS } from '../engine/engine';
import { markedLength } from './oversizedMessages';

/** Past this many characters the gap is folded into the text on the next edit outside it. */
const GAP_LIMIT = 16 * 1024;

/** The last `contentId` given out, in this process. */
let contents = 0;

const CR = 13;
const LF = 10;
const isEol = (c: number) => c === CR || c === LF;

/** Offsets where lines start in `text` (after each \n, \r\n or lone \r), shifted by `base`. */
function lineStartsOf(text: string, atLineStart: boolean, base = 0): number[] {
  const starts = atLineStart ? [base] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isEol(c)) continue;
    if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    starts.push(base + i + 1);
  }
  return starts;
}

export class EditorDocument implements TextDocument {
  private head: string;
  private gap = '';
  /** The last character code of `gap`: read without flattening the gap's rope while typing at its end. */
  private gapLast = NaN;
  private tail = '';
  /** The whole text, joined on the last read and kept until the next change. */
  private joined?: string;
  private lineOffsets?: number[];
  /** Whether the text may hold a \r: without one no change can split or join a \r\n pair (checked per change otherwise). */
  private mayHaveCr = false;
  /** Line starts from index `shiftFrom` on are `shiftBy` further than `lineOffsets` says (applied on demand). */
  private shiftFrom = Infinity;
  private shiftBy = 0;
  /**
   * Set when the document is larger than any configuration may scan: its size in characters
   * at open (or at the last full-text change). Its text is not kept; edits only move its version.
   */
  tooLarge?: number;
  /**
   * Names this text among every text an open document of this process has had: a new one on
   * every change (typing back to an earlier text gets a new one too). Cheaper than hashing the
   * text for the diagnostics' result id on every keystroke (2–7% of a re-check's CPU).
   */
  contentId = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.head = '';
    this.replaceAll(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.offsets().length;
  }

  private get length(): number {
    return this.head.length + this.gap.length + this.tail.length;
  }

  getText(range?: Range): string {
    const text = (this.joined ??= this.gap || this.tail ? this.head + this.gap + this.tail : this.head);
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const starts = this.offsets();
    let low = 0;
    let high = starts.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, starts[line]);
    return { line, character: offset - starts[line] };
  }

  offsetAt(position: Position): number {
    // Read through the pending shift: typing on one line never walks the lines below it.
    const starts = (this.lineOffsets ??= lineStartsOf(this.getText(), true));
    const at = (i: number) => starts[i] + (i >= this.shiftFrom ? this.shiftBy : 0);
    if (position.line >= starts.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = at(position.line);
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? at(position.line + 1) : this.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.offsets();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, starts[line]) - starts[line] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.offsets();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.length;
    return this.getText().substring(this.beforeEol(next, starts[line]), next);
  }

  /** Applies the changes of one `didChange` in order, as the library's `TextDocument.update` does. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const changed = 'range' in change ? change.range : undefined;
      if (!changed) {
        this.replaceAll(change.text);
        continue;
      }
      if (this.tooLarge !== undefined) continue; // no text to apply it to: still too large to scan
      const range = wellFormed(changed);
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      this.splice(start, end, change.text);
      const insertedEnd = start + change.text.length;
      if (!this.mayHaveCr && change.text.includes('\r')) this.mayHaveCr = true;
      // A change that splits or joins a \r\n pair moves line starts the simple update misses.
      if (
        this.mayHaveCr &&
        ((this.charAt(start - 1) === CR && this.charAt(start) === LF) ||
          (this.charAt(insertedEnd - 1) === CR && this.charAt(insertedEnd) === LF))
      ) {
        this.lineOffsets = undefined;
        this.shiftBy = 0;
        this.shiftFrom = Infinity;
        continue;
      }
      if (!this.lineOffsets) continue;
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      const added = lineStartsOf(change.text, false, start);
      // Lines from `from` on move by `diff`: kept pending while edits keep that boundary (typing on one line).
      const from = startLine + 1 + added.length;
      const diff = change.text.length - (end - start);
      if (this.shiftBy !== 0 && (this.shiftFrom !== from || endLine - startLine !== added.length)) this.applyShift();
      const starts = this.lineOffsets;
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) starts[i + startLine + 1] = added[i];
      } else if (added.length < 10_000) {
        starts.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        this.lineOffsets = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
      }
      if (diff !== 0) {
        this.shiftFrom = from;
        this.shiftBy += diff;
      }
    }
    this.currentVersion = version;
    this.contentId = ++contents;
  }

  private replaceAll(content: string): void {
    this.contentId = ++contents;
    this.lineOffsets = undefined;
    this.shiftFrom = Infinity;
    this.shiftBy = 0;
    this.joined = undefined;
    this.gap = '';
    this.tail = '';
    // The transport may already have dropped the text of a huge document, leaving its length.
    const dropped = markedLength(content);
    if (dropped !== undefined || content.length > MAX_LIMITS.maxFileBytes) {
      this.tooLarge = dropped ?? content.length;
      this.head = '';
    } else {
      this.tooLarge = undefined;
      this.head = content;
    }
    this.mayHaveCr = this.head.includes('\r');
  }

  /** Replaces [start, end) with `text`: inside the gap when the change falls there, else the gap moves to it. */
  private splice(start: number, end: number, text: string): void {
    const gapStart = this.head.length;
    const gapEnd = gapStart + this.gap.length;
    if (start === gapEnd && end === gapEnd && this.gap.length + text.length <= GAP_LIMIT) {
      // Typing at the end of the gap: no slice and no read of it, so nothing is flattened per keystroke.
      this.gap += text;
      if (text) this.gapLast = text.charCodeAt(text.length - 1);
      this.joined = undefined;
      return;
    }
    if (start >= gapStart && end <= gapEnd && this.gap.length + text.length <= GAP_LIMIT) {
      this.gap = this.gap.slice(0, start - gapStart) + text + this.gap.slice(end - gapStart);
    } else {
      const whole = this.getText();
      this.head = whole.slice(0, start);
      this.gap = text;
      this.tail = whole.slice(end);
    }
    this.gapLast = this.gap ? this.gap.charCodeAt(this.gap.length - 1) : NaN;
    this.joined = undefined;
  }

  private charAt(offset: number): number {
    if (offset < 0) return NaN;
    if (offset < this.head.length) return this.head.charCodeAt(offset);
    offset -= this.head.length;
    if (offset === this.gap.length - 1) return this.gapLast;
    if (offset < this.gap.length) return this.gap.charCodeAt(offset);
    return this.tail.charCodeAt(offset - this.gap.length);
  }

  /** The line starts, with any pending shift applied. */
  private offsets(): number[] {
    this.applyShift();
    return (this.lineOffsets ??= lineStartsOf(this.getText(), true));
  }

  private applyShift(): void {
    const starts = this.lineOffsets;
    if (starts && this.shiftBy !== 0) for (let i = this.shiftFrom; i < starts.length; i++) starts[i] += this.shiftBy;
    this.shiftFrom = Infinity;
    this.shiftBy = 0;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charAt(offset - 1))) offset--;
    return offset;
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** What `TextDocuments` needs to keep `EditorDocument`s: the change is applied in place. */
export const editorDocuments: TextDocumentsConfiguration<EditorDocument> = {
  create: (uri, languageId, version, content) => new EditorDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
