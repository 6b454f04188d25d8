/**
 * The bookkeeping shared by the parses kept between scans of an open file (YAML documents,
 * workflow jobs, top-level HCL blocks): per path, the pieces of the file's last scan only, by text
 * and by where each started, for the recently scanned files up to a total size, so memory is
 * bounded and old versions are dropped. What a piece holds (its parse) is the caller's.
 */
import { detached } from '../text/detachedText';
import { RecentTexts } from '../text/recentTexts';
import { unchangedEnds } from './keptSites';

/** A piece's text: a copy, not a view into an old version of the file. */
export interface KeptPiece {
  readonly text: string;
}

/** The pieces of a file's last scan: by text, and by where each started. */
interface KeptFile<P extends KeptPiece> {
  pieces: Map<string, P>;
  at: Map<number, P>;
  /** The text scanned (the document's own string): what an edit left unchanged is found against it. */
  text: string;
}

export class PieceStore<P extends KeptPiece> {
  /** Path → its last scan's pieces. */
  private readonly files: RecentTexts<KeptFile<P>>;

  /** `budget`: text kept, all files together. */
  constructor(budget: number) {
    this.files = new RecentTexts(budget);
  }

  /**
   * Starts a scan of `path` with `text`: its pieces become the ones this scan looks up (the last
   * scan's are still found through the returned lookup), and the least recently scanned files
   * are dropped past the budget.
   */
  scan(path: string, text: string): PieceLookup<P> {
    const next: KeptFile<P> = { pieces: new Map(), at: new Map(), text };
    return new PieceLookup(text, this.files.replace(path, next), next);
  }
}

/** The pieces of one scan of a file, found among this scan's and the last one's. */
export class PieceLookup<P extends KeptPiece> {
  /** After one edit a piece is most likely where it was, or moved by the edit's length. */
  private readonly shift: number;
  /** What the edits since the last scan left unchanged: the text's first `prefix` characters and its last `suffix` (found once per scan). */
  private unchanged?: { prefix: number; suffix: number };

  constructor(
    private readonly text: string,
    private readonly last: KeptFile<P> | undefined,
    private readonly next: KeptFile<P>,
  ) {
    this.shift = last ? text.length - last.text.length : 0;
  }

  /**
   * The piece with the text at [start, end): kept from this scan or the last, or `make(text)`
   * (given the piece's text copied off the file). Comparing a kept piece where it most likely is
   * costs less than hashing the piece's text for the lookup by text.
   */
  pieceAt(start: number, end: number, make: (text: string) => P): P {
    const { last, next } = this;
    let kept = last?.at.get(start);
    if (!this.sameAs(kept, start, end, start)) kept = last?.at.get(start - this.shift);
    if (!this.sameAs(kept, start, end, start - this.shift)) {
      const piece = this.text.slice(start, end);
      kept = next.pieces.get(piece) ?? last?.pieces.get(piece) ?? make(detached(piece));
    }
    next.pieces.set(kept.text, kept);
    next.at.set(start, kept);
    return kept;
  }

  /** Whether `kept`, the piece at `was` in the last scan, is the text at [start, end) now. */
  private sameAs(kept: P | undefined, start: number, end: number, was: number): kept is P {
    if (kept === undefined || kept.text.length !== end - start) return false;
    // Wholly inside what the edits left unchanged, it is the same without comparing: comparing
    // every piece of a 100 KB manifest was a fifth of its re-check.
    const { prefix, suffix } = (this.unchanged ??= unchangedEnds(this.last!.text, this.text));
    if (was === start && end <= prefix) return true;
    // (Moved by the edit and starting in the common tail: it was in the last text's tail too.)
    if (was === start - this.shift && start >= this.text.length - suffix) return true;
    // A slice compared with `===` (a view of the text, then one block compare) costs a fifth of
    // `startsWith` at an offset.
    return this.text.slice(start, end) === kept.text;
  }
}
