/**
 * What the one-line secret rules found on each line of a document, kept between scans of that
 * document, by the line's text. A one-line rule's matches on a line depend on nothing but that
 * line's text, the rule and the file kind, so after a keystroke only the edited lines are matched
 * again; every other line's candidates come from here. Rules that look past their line
 * (multiline rules, decoded Kubernetes values) and the per-file gates (context keywords, paths)
 * are worked out on every scan as before, so a memoised scan finds exactly what a fresh one does.
 *
 * Only the lines of the last scan are kept (bounded by the document), as copies: a kept line or
 * value never holds on to a whole older version of the document.
 */
import type { FileKind } from '../types';
import { detached } from '../text/detachedText';
import type { findAssignments } from './assignments';
import type { LongLineState } from './longLineReuse';

/** A one-line rule's match, relative to the start of its line. */
export interface LineCandidate {
  start: number;
  end: number;
  value: string;
  keyName?: string;
}

/**
 * One line's results: the rules that have run on it (by index) and what each found, in the same
 * order. Two short lists rather than an array indexed by rule: a line meets a handful of the
 * hundreds of rules, and 500 open files keep thousands of lines.
 */
export interface LineResults {
  rules: number[];
  found: LineCandidate[][];
  /** The line's assignments and their snake_case names, shared by the assignment rules. */
  parsed?: { assignments: ReturnType<typeof findAssignments>; snakes: string[] };
}

/** Longer lines (a minified bundle is one line) are matched afresh: they change with every keystroke anyway. */
export const MEMO_MAX_LINE = 64 * 1024;

export const newLineResults = (): LineResults => ({ rules: [], found: [] });

/** What rule `r` found on the line, running it with `run` the first time. */
export function resultsOf(results: LineResults, r: number, run: () => LineCandidate[]): LineCandidate[] {
  const at = results.rules.indexOf(r);
  if (at >= 0) return results.found[at];
  const found = run();
  results.rules.push(r);
  results.found.push(found.length ? found : NOTHING);
  return found;
}

/** Shared by every line where a rule found nothing (most of them). */
const NOTHING: LineCandidate[] = [];

export class SecretLineMemo {
  private owner?: object;
  private kind?: FileKind;
  private previous = new Map<string, LineResults>();
  private next = new Map<string, LineResults>();
  /**
   * Lines longer than MEMO_MAX_LINE, by start: their text as last scanned (the one reference to
   * an older version of the document this memo keeps, replaced on every scan) and the regex
   * rules' matches over it, re-matched around the edit (longLineReuse.ts).
   */
  private previousLong: LongLineState[] = [];
  private nextLong = new Map<number, { now: LongLineState; before?: LongLineState }>();

  /** Starts a scan; results from another scanner (rules changed) or another file kind are dropped. */
  begin(owner: object, kind: FileKind): void {
    if (owner !== this.owner || kind !== this.kind) {
      this.previous = new Map();
      this.previousLong = [];
    }
    this.owner = owner;
    this.kind = kind;
    this.next = new Map();
    this.nextLong = new Map();
  }

  /**
   * The long line starting at `lineStart` in this scan, and the long line of the last scan it is
   * compared with: the nearest by start (any pairing gives exact results; the nearest is most
   * likely the same line, edited).
   */
  longLine(lineStart: number, text: () => string): { now: LongLineState; before?: LongLineState } {
    let entry = this.nextLong.get(lineStart);
    if (entry) return entry;
    let before: LongLineState | undefined;
    for (const old of this.previousLong)
      if (!before || Math.abs(old.lineStart - lineStart) < Math.abs(before.lineStart - lineStart)) before = old;
    entry = { now: { lineStart, text: text(), passes: new Map() }, before };
    this.nextLong.set(lineStart, entry);
    return entry;
  }

  /** The results of a line with this text: from the last scan, or new and empty. */
  line(text: string): LineResults {
    let entry = this.next.get(text);
    if (entry) return entry;
    entry = this.previous.get(text) ?? newLineResults();
    this.next.set(detached(text), entry);
    return entry;
  }

  /** Ends a scan: lines it did not look at are forgotten. */
  end(): void {
    this.previous = this.next;
    this.next = new Map();
    this.previousLong = [...this.nextLong.values()].map((entry) => entry.now);
    this.nextLong = new Map();
  }

  /** How many lines are kept (for tests). */
  get size(): number {
    return this.previous.size;
  }
}
