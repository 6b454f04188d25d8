import type { Position, Range } from '../types';

/**
 * Converts UTF-16 offsets to line/character positions, for one text. Line starts are found as
 * far as a question needs them: a file's findings and identities are often in its first lines,
 * and a scan that reports any builds one of these (finding every line start of a megabyte file
 * was a few percent of an audit's engine time).
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Where the search for the next line feed goes on from; -1 once every line start is known. */
  private searchFrom = 0;

  constructor(private readonly text: string) {}

  /** Finds line starts until one past `offset` is known, or there are no more. */
  private knowPast(offset: number): void {
    while (this.searchFrom >= 0 && this.starts[this.starts.length - 1] <= offset) this.findNext();
  }

  /** Finds line starts until line `line` has one, or there are no more. */
  private knowLine(line: number): void {
    while (this.searchFrom >= 0 && this.starts.length <= line) this.findNext();
  }

  private findNext(): void {
    const feed = this.text.indexOf('\n', this.searchFrom);
    if (feed < 0) this.searchFrom = -1;
    else {
      this.starts.push(feed + 1);
      this.searchFrom = feed + 1;
    }
  }

  positionAt(offset: number): Position {
    this.knowPast(offset);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The offset of a position; positions past the end of a line or the text are clamped to it. */
  offsetAt(position: Position, textLength: number): number {
    this.knowLine(position.line + 1);
    if (position.line >= this.starts.length) return textLength;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : textLength;
    return Math.min(start + Math.max(0, position.character), next);
  }

  /** The offset where line `line` starts (the last line's start past the last line). */
  lineStart(line: number): number {
    this.knowLine(line);
    return this.starts[line] ?? this.starts[this.starts.length - 1];
  }

  /** The start of the line after line `line`, or undefined when it is the last. */
  nextLineStart(line: number): number | undefined {
    this.knowLine(line + 1);
    return this.starts[line + 1];
  }

  get lineCount(): number {
    this.knowLine(Infinity);
    return this.starts.length;
  }
}
