/**
 * What the one-line secret rules found on each line of a document, kept between scans of that
 * document. A one-line rule's matches on a line depend on nothing but that line's text, the rule
 * and the file kind, so after a keystroke only the edited lines are matched again; every other
 * line's candidates come from here. Rules that look past their line (multiline rules, decoded
 * Kubernetes values) and the per-file gates (context keywords, paths) are worked out on every
 * scan as before, so a memoised scan finds exactly what a fresh one does.
 *
 * The memo keeps the text of the last scan (the caller's string, as given) and compares the new
 * text with it: the common head and tail (`commonEnds`, a memory compare), widened to whole lines,
 * say which lines did not change. Those lines are found by position (where they were, or moved by
 * the edit's length), not by hashing their text; only the edited lines are matched, and only
 * they are read by the keyword automaton: the keyword hits of the rest are the last scan's,
 * shifted. Results are kept for the lines of the last scan only, their strings copies (a kept
 * value never holds on to an older version of the document).
 */
import type { FileKind } from '../types';
import type { findAssignments } from './assignments';
import { commonEnds, type LongLineState } from './longLineReuse';

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
  found: (readonly LineCandidate[])[];
  /** The line's assignments and their snake_case names, shared by the assignment rules. */
  parsed?: { assignments: ReturnType<typeof findAssignments>; snakes: string[] };
  /**
   * Where in `rules` the next rule of this scan most likely is (set to 0 when a scan first meets
   * the line): a scan asks for rules in ascending order, the order in which they were added.
   */
  cursor?: number;
}

/** A multiline rule's search of one window: what it accepted (relative to the window) and whether it read to the window's end. */
export interface WindowSearch {
  found: LineCandidate[];
  searchedToEnd: boolean;
}

/** Longer lines (a minified bundle is one line) are matched afresh: they change with every keystroke anyway. */
export const MEMO_MAX_LINE = 64 * 1024;

export const newLineResults = (): LineResults => ({ rules: [], found: [] });

/** What rule `r` found on the line, running it with `run` the first time. */
export function resultsOf(results: LineResults, r: number, run: () => readonly LineCandidate[]): readonly LineCandidate[] {
  const cursor = results.cursor ?? 0;
  const at = results.rules[cursor] === r ? cursor : results.rules.indexOf(r);
  if (at >= 0) {
    results.cursor = at + 1;
    return results.found[at];
  }
  const found = run();
  results.rules.push(r);
  results.found.push(found.length ? found : NOTHING);
  return found;
}

/** Shared by every line where a rule found nothing (most of them). */
const NOTHING: readonly LineCandidate[] = [];

/**
 * The lines of this scan's text that may differ from the last scan's: from `from` (a line start)
 * to `to` (the line feed ending the last such line, or the end of the text). Everything before
 * `from` is as it was; everything after `to` is the last text's after `to - delta`.
 */
export interface EditedLines {
  from: number;
  to: number;
  delta: number;
  /** The common head and tail of the two texts, in characters. */
  prefix: number;
  suffix: number;
  /** True when neither text has a line feed where they differ: no line starts or ends there. */
  withinLine: boolean;
}

/** Where `after` differs from `before`, widened to whole lines. */
export function editedLines(before: string, after: string): EditedLines {
  const { prefix, suffix } = commonEnds(before, after);
  const from = prefix === 0 ? 0 : after.lastIndexOf('\n', prefix - 1) + 1;
  const to = after.indexOf('\n', after.length - suffix);
  const noLineFeed = (text: string) => {
    const at = text.indexOf('\n', prefix);
    return at < 0 || at >= text.length - suffix;
  };
  return {
    from,
    to: to < 0 ? after.length : to,
    delta: after.length - before.length,
    prefix,
    suffix,
    withinLine: noLineFeed(before) && noLineFeed(after),
  };
}

/** A long line in this scan, the one of the last scan it is compared with, and where the two differ (once asked: `endsOf`). */
export interface LongLineEntry {
  now: LongLineState;
  before?: LongLineState;
  ends?: { prefix: number; suffix: number };
}

/**
 * Where a long line differs from the one of the last scan it is compared with (undefined when there
 * is none): worked out once per scan, for every rule that re-matches the line.
 */
export function endsOf(entry: LongLineEntry): { prefix: number; suffix: number } | undefined {
  return entry.before && (entry.ends ??= commonEnds(entry.before.text, entry.now.text));
}

/** The index (a multiple of 3) of the first of `hits` (flat triples, in order of their end) from `from` on that ends at `end` or later. */
function firstEndingAt(hits: Int32Array, end: number, from = 0): number {
  let lo = from / 3;
  let hi = hits.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid * 3 + 1] < end) lo = mid + 1;
    else hi = mid;
  }
  return lo * 3;
}

/** Multiline rules' window searches, by rule and window start (numbers, not a string built per window per scan). */
type WindowsByRule = Map<number, Map<number, { length: number; search: WindowSearch }>>;

/** Keyword hits as flat triples: keyword id, offset of its last character, start of its line. */
type Hits = Int32Array;

export class SecretLineMemo {
  /**
   * Which code the scans of this memo's document run: its file kind and the IaC analysis of its
   * last scan (`terraform:terraform`, `typescript:pulumi`, `yaml:`); set by the engine's scan.
   */
  family?: string;
  private owner?: object;
  private kind?: FileKind;
  /** The text of the last scan, of this one, and what changed between them (undefined: nothing is reused). */
  private text?: string;
  private current?: string;
  private edit?: EditedLines;
  private previous = new Map<number, LineResults>();
  private next = new Map<number, LineResults>();
  private previousHits?: Hits;
  private nextHits?: Hits;
  /** Lines whose results came from the last scan, over the memo's life (for tests). */
  reusedLines = 0;
  /** Multiline rules' window searches that came from the last scan, over the memo's life (for tests). */
  reusedWindows = 0;
  /**
   * Per one-line rule (by index), what it found in the whole text at the last scan, in text
   * order (undefined: it did not run); and whether that scan met a line too long for the memo.
   * With these, a rule that ran last time runs on the edited lines only (`ruleFound`).
   */
  private previousFound: (readonly object[] | undefined)[] = [];
  private nextFound: (readonly object[] | undefined)[] = [];
  private previousLong_ = false;
  private nextLong_ = false;
  /**
   * Lines longer than MEMO_MAX_LINE, by start: their text as last scanned and the regex rules'
   * matches over it, re-matched around the edit (longLineReuse.ts).
   */
  private previousLong: LongLineState[] = [];
  private nextLong = new Map<number, LongLineEntry>();

  /**
   * What the engine worked out from the text around each finding (the name a value is assigned
   * to) at the last scan and this one, by the finding's window and value (`around`), and the text
   * of the scan the last ones belong to.
   */
  private previousAround = new Map<string, object>();
  /** The multiline rules' window searches of the last scan and this one, by rule and window start (`window`). */
  private previousWindows: WindowsByRule = new Map();
  private nextWindows: WindowsByRule = new Map();
  private nextAround = new Map<string, object>();
  private aroundText?: string;
  /** Where string literals meet (joinedLiterals.ts) in the text of `joints.text`, and those of the last scan's text when known. */
  private joints?: { text: string; at: number[] };
  private previousJoints?: number[];

  /** Starts a scan of `text`; results from another scanner (rules changed) or another file kind are dropped. */
  begin(owner: object, kind: FileKind, text: string): void {
    const same = owner === this.owner && kind === this.kind && this.text !== undefined;
    // (A scan that threw left its results half made, for a text the memo did not keep.)
    this.previousAround = same && this.aroundText === this.text ? this.nextAround : new Map();
    this.nextAround = new Map();
    this.aroundText = text;
    if (!same) {
      this.previous = new Map();
      this.previousWindows = new Map();
      this.previousLong = [];
      this.previousHits = undefined;
      this.previousFound = [];
    }
    this.edit = same ? editedLines(this.text!, text) : undefined;
    this.previousJoints = same && this.joints && this.joints.text === this.text ? this.joints.at : undefined;
    this.owner = owner;
    this.kind = kind;
    this.current = text;
    this.next = new Map();
    this.nextWindows = new Map();
    this.nextHits = undefined;
    this.nextLong = new Map();
    this.nextFound = [];
    this.nextLong_ = false;
  }

  /** What changed since the last scan, widened to whole lines (undefined: no last scan to compare with). */
  get edited(): EditedLines | undefined {
    return this.edit;
  }

  /**
   * What one-line rule `r` found in the whole text at the last scan, when this scan may take it
   * from there outside the edited lines: the rule ran then (so its gates were passed with the same
   * keyword hits outside the edit) and no line it or any rule looked at was too long for the memo.
   */
  ruleFound<C extends object>(r: number): readonly C[] | undefined {
    return this.edit && !this.previousLong_ ? (this.previousFound[r] as readonly C[] | undefined) : undefined;
  }

  /** What one-line rule `r` found in this scan's whole text. */
  keepRuleFound(r: number, found: readonly object[]): void {
    this.nextFound[r] = found;
  }

  /** This scan looked at a line too long for the memo (a minified bundle): the next scan runs every rule on every line. */
  metLongLine(): void {
    this.nextLong_ = true;
  }

  /**
   * Every keyword hit of this scan's text, in text order, to `onHit`: the last scan's outside the
   * edit (shifted after it), and what `scanText(from, to, lineStart, hit)` finds around the edit
   * (all of the text without a last scan). `scanText` reads from `from`, on a line starting at
   * `lineStart`, with a fresh automaton, so it finds every keyword that starts at `from` or later;
   * hits cannot span lines (the caller checks no keyword holds a line feed). `lengthOf`: a
   * keyword's length; `longest`: the longest keyword's.
   */
  keywordHits(
    scanText: (from: number, to: number, lineStart: number, hit: (keyword: number, offset: number, lineStart: number) => void) => void,
    lengthOf: (keyword: number) => number,
    longest: number,
    onHit: (keyword: number, offset: number, lineStart: number) => void,
  ): void {
    const hits = this.keywordHitList(scanText, lengthOf, longest);
    for (let i = 0; i < hits.length; i += 3) onHit(hits[i], hits[i + 1], hits[i + 2]);
  }

  /**
   * Every keyword hit of this scan's text as `keywordHits` gives them, as flat triples (keyword,
   * offset of its last character, start of its line): the last scan's are copied, not replayed one
   * by one, so a caller needing the hits of a few lines only finds them there (they are in text order).
   */
  keywordHitList(
    scanText: (from: number, to: number, lineStart: number, hit: (keyword: number, offset: number, lineStart: number) => void) => void,
    lengthOf: (keyword: number) => number,
    longest: number,
  ): Int32Array {
    const found: number[] = [];
    const text = this.current!;
    const old = this.previousHits;
    const edit = this.edit;
    if (!old || !edit) {
      scanText(0, text.length, 0, (keyword, offset, lineStart) => found.push(keyword, offset, lineStart));
      return (this.nextHits = Int32Array.from(found));
    }
    const { delta } = edit;
    // The last scan's hits that end before the edit are as they were.
    const head = firstEndingAt(old, edit.prefix);
    if (edit.withinLine) {
      // Typing on one line (a minified bundle is one line of a megabyte): read only the keywords
      // that overlap the edit. Those after it are the last scan's, moved; their line moved only
      // if it starts after the edit.
      const changedEnd = text.length - edit.suffix;
      const oldChangedEnd = changedEnd - delta;
      const from = Math.max(0, edit.prefix - longest + 1);
      const lineStart = from === 0 ? 0 : text.lastIndexOf('\n', from - 1) + 1;
      scanText(from, Math.min(text.length, changedEnd + longest - 1), lineStart, (keyword, offset, line) => {
        if (offset >= edit.prefix && offset - lengthOf(keyword) + 1 < changedEnd) found.push(keyword, offset, line);
      });
      // The last scan's hits that start after the edit (not all after those that do not: a longer
      // keyword can end later and start within the edit). Those ending `longest` past the edit
      // start after it whatever their keyword: they are moved together, after the others.
      const bulk = firstEndingAt(old, oldChangedEnd + longest - 1, head);
      const moved: number[] = [];
      for (let t = head; t < bulk; t += 3) if (old[t + 1] - lengthOf(old[t]) + 1 >= oldChangedEnd) moved.push(t);
      const hits = new Int32Array(head + found.length + 3 * moved.length + old.length - bulk);
      hits.set(old.subarray(0, head));
      // The edit's hits and the moved ones, merged by end (at the same end, the longer keyword first, as the automaton gives them).
      let i = 0;
      let j = head;
      for (let m = 0; i < found.length || m < moved.length; j += 3) {
        const t = moved[m];
        const takeFound = i < found.length && (m >= moved.length || found[i + 1] <= old[t + 1] + delta);
        if (takeFound) {
          hits[j] = found[i];
          hits[j + 1] = found[i + 1];
          hits[j + 2] = found[i + 2];
          i += 3;
        } else {
          hits[j] = old[t];
          hits[j + 1] = old[t + 1] + delta;
          hits[j + 2] = old[t + 2] > edit.prefix ? old[t + 2] + delta : old[t + 2];
          m++;
        }
      }
      // (The edit's hits end before `changedEnd + longest - 1`: all of them come before these.)
      for (let t = bulk; t < old.length; t += 3, j += 3) {
        hits[j] = old[t];
        hits[j + 1] = old[t + 1] + delta;
        hits[j + 2] = old[t + 2] > edit.prefix ? old[t + 2] + delta : old[t + 2];
      }
      return (this.nextHits = hits);
    }
    // Otherwise the edited lines are read again, whole; the hits after them are the last scan's, shifted.
    scanText(edit.from, edit.to, edit.from, (keyword, offset, lineStart) => {
      if (offset >= edit.prefix) found.push(keyword, offset, lineStart);
    });
    const oldTo = edit.to - delta;
    const tail = firstEndingAt(old, oldTo + 1, head);
    const hits = new Int32Array(head + found.length + old.length - tail);
    hits.set(old.subarray(0, head));
    hits.set(found, head);
    for (let i = tail, j = head + found.length; i < old.length; i += 3, j += 3) {
      hits[j] = old[i];
      hits[j + 1] = old[i + 1] + delta;
      hits[j + 2] = old[i + 2] + delta;
    }
    return (this.nextHits = hits);
  }

  /**
   * The long line starting at `lineStart` in this scan, and the long line of the last scan it is
   * compared with: the nearest by start (any pairing gives exact results; the nearest is most
   * likely the same line, edited).
   */
  longLine(lineStart: number, text: () => string): LongLineEntry {
    let entry = this.nextLong.get(lineStart);
    if (entry) return entry;
    let before: LongLineState | undefined;
    for (const old of this.previousLong)
      if (!before || Math.abs(old.lineStart - lineStart) < Math.abs(before.lineStart - lineStart)) before = old;
    entry = { now: { lineStart, text: text(), passes: new Map() }, before };
    this.nextLong.set(lineStart, entry);
    return entry;
  }

  /** The results of the line starting at `lineStart`: the last scan's when the line did not change, else new and empty. */
  lineAt(lineStart: number): LineResults {
    let entry = this.next.get(lineStart);
    if (entry) return entry;
    const edit = this.edit;
    if (edit && lineStart < edit.from) entry = this.previous.get(lineStart);
    else if (edit && lineStart > edit.to) entry = this.previous.get(lineStart - edit.delta);
    if (entry) this.reusedLines++;
    else entry = newLineResults();
    this.next.set(lineStart, entry);
    return entry;
  }

  /**
   * Multiline rule `r`'s search of the window at [start, end) of this scan's text: the last scan's
   * when the window was there with the same text (wholly before the edit, or after it, moved), else
   * `search()`. A search depends on nothing but its window's text and the rule.
   */
  window(r: number, start: number, end: number, search: () => WindowSearch): WindowSearch {
    const edit = this.edit;
    let kept: { length: number; search: WindowSearch } | undefined;
    if (edit && end <= edit.prefix) kept = this.previousWindows.get(r)?.get(start);
    else if (edit && start >= this.current!.length - edit.suffix) kept = this.previousWindows.get(r)?.get(start - edit.delta);
    const reused = kept?.length === end - start;
    if (reused) this.reusedWindows++;
    const found = reused ? kept!.search : search();
    let ofRule = this.nextWindows.get(r);
    if (!ofRule) this.nextWindows.set(r, (ofRule = new Map()));
    ofRule.set(start, { length: end - start, search: found });
    return found;
  }

  /**
   * What `compute` says of the text at [from, to) of this scan, about a value at [start, end)
   * there: the last scan's answer when that text lies wholly before or after the edit (so it is
   * the same text), else `compute()`. Asked after the secret scan, until the next one begins.
   */
  around<T extends object>(from: number, to: number, start: number, end: number, compute: () => T): T {
    const edit = this.edit;
    let kept: object | undefined;
    if (edit && to <= edit.prefix) kept = this.previousAround.get(`${from}:${to}:${start}:${end}`);
    else if (edit && from >= this.aroundText!.length - edit.suffix) {
      const d = edit.delta;
      kept = this.previousAround.get(`${from - d}:${to - d}:${start - d}:${end - d}`);
    }
    const result = (kept as T | undefined) ?? compute();
    this.nextAround.set(`${from}:${to}:${start}:${end}`, result);
    return result;
  }

  /**
   * Where string literals meet in this scan's text: `find(previous, edit)` works it out from the
   * last scan's (when that text's were found) and the edit. Asked after the secret scan, until the
   * next one begins.
   */
  joinsOf(find: (previous: number[] | undefined, edit: EditedLines | undefined) => number[]): number[] {
    const at = find(this.edit && this.previousJoints, this.edit);
    this.joints = { text: this.current!, at };
    return at;
  }

  /** Ends a scan: lines it did not look at are forgotten. */
  end(): void {
    // Only a scan that ended is compared with: one that threw left its maps half filled.
    this.text = this.current;
    this.previous = this.next;
    this.next = new Map();
    this.previousWindows = this.nextWindows;
    this.nextWindows = new Map();
    this.previousHits = this.nextHits;
    this.nextHits = undefined;
    this.previousFound = this.nextFound;
    this.nextFound = [];
    this.previousLong_ = this.nextLong_;
    this.previousLong = [...this.nextLong.values()].map((entry) => entry.now);
    this.nextLong = new Map();
  }

  /** How many lines are kept (for tests). */
  get size(): number {
    return this.previous.size;
  }
}
