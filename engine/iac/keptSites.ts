/**
 * What the readers of infrastructure written as code (AWS CDK and Pulumi, in TypeScript and
 * Python) read at each call site they find, kept between scans of an open file: a keystroke in a
 * 5,000-line stack changes one call, so only the sites whose text changed are read again.
 *
 * A site is a pattern match (`iam.PolicyStatement(`) and what the reader made of it: its value.
 * The reader says which text the value depended on (`from`..`to`: the call's arguments, the lines
 * before it that name it, its own line for the comment test); the value is kept with a copy of
 * that text, and it is the value of the same site in a later scan when that text is found again
 * where the site now starts (at the same offset, or moved by the edit's length). So a kept value
 * is what reading it again would give. Values hold the offsets of the scan that read them:
 * `delta` moves them to where the site is now (the readers move the findings they make from
 * them, not the trees).
 *
 * Kept per path, the last scan's sites only, for the recently scanned files up to a total size
 * (as engine/iac/pieceStore.ts keeps YAML documents and HCL blocks).
 */
import { detached } from '../text/detachedText';

/**
 * What a reader made of a site, and the text [from, to) it read for it: every character it looked
 * at (a line's start is found at the newline before it, so that newline is part of it). A window
 * reaching past either end of the text says the reading met that end.
 */
export interface SiteRead<T> {
  value: T;
  from: number;
  to: number;
}

/** A site's value as read when it started at `at`, with the text it depended on (from `at + lead` on). */
export class KeptSite<T> {
  /** What a reader derives from the value once and keeps with it (e.g. a policy document's findings). */
  derived?: unknown;

  constructor(
    readonly at: number,
    readonly lead: number,
    readonly text: string,
    readonly value: T,
    /** The reading met the start (end) of the text: the site is the same only where that holds again. */
    readonly atStart: boolean,
    readonly atEnd: boolean,
  ) {}
}

/** A site of this scan: its kept reading, and how far its offsets moved since it was read. */
export interface SiteUse<T> {
  site: KeptSite<T>;
  delta: number;
}

/** Text of the files whose sites are kept, all together: the sites' values take some ten times their text. */
export const KEPT_SITE_CHARS = 2 * 1024 * 1024;

type SitesByKind = Map<string, Map<number, KeptSite<unknown>>>;

interface KeptFile {
  sites: SitesByKind;
  chars: number;
}

export class SiteStore {
  /** Path → its last scan's sites; most recently scanned path last. */
  private readonly files = new Map<string, KeptFile>();
  private keptChars = 0;

  /** `budget`: characters of scanned text whose sites are kept, all files together. */
  constructor(private readonly budget: number) {}

  /** Starts a scan of `path` with `text`: the last scan's sites are found through the returned lookup. */
  scan(path: string, text: string): SiteLookup {
    const last = this.files.get(path);
    this.files.delete(path);
    this.keptChars -= last?.chars ?? 0;
    const next: KeptFile = { sites: new Map(), chars: text.length };
    this.files.set(path, next);
    this.keptChars += text.length;
    for (const [oldest, kept] of this.files) {
      if (this.keptChars <= this.budget) break;
      this.files.delete(oldest);
      this.keptChars -= kept.chars;
    }
    return new SiteLookup(text, last?.sites, next.sites, last ? text.length - last.chars : 0);
  }
}

/** The sites of one scan of a text, found among the last scan's (none without a store: every site is read). */
export class SiteLookup {
  constructor(
    private readonly text: string,
    private readonly last?: SitesByKind,
    private readonly next?: SitesByKind,
    /** After one edit a site is most likely where it was, or moved by the edit's length. */
    private readonly shift = 0,
  ) {}

  /** The site of `kind` starting at `at`: kept from the last scan if the text it read is unchanged, else `read()`. */
  site<T>(kind: string, at: number, read: () => SiteRead<T>): SiteUse<T> {
    const last = this.last?.get(kind);
    let kept = last?.get(at) as KeptSite<T> | undefined;
    if (!this.sameAt(kept, at)) kept = last?.get(at - this.shift) as KeptSite<T> | undefined;
    if (!this.sameAt(kept, at)) {
      const r = read();
      const from = Math.max(0, r.from);
      const to = Math.min(this.text.length, r.to);
      // Without a store nothing is kept, so the text is not copied.
      const text = this.next ? detached(this.text.slice(from, to)) : '';
      kept = new KeptSite(at, from - at, text, r.value, r.from <= 0, r.to >= this.text.length);
    }
    if (this.next) {
      let sites = this.next.get(kind);
      if (!sites) this.next.set(kind, (sites = new Map()));
      sites.set(at, kept);
    }
    return { site: kept, delta: at - kept.at };
  }

  private sameAt(kept: KeptSite<unknown> | undefined, at: number): kept is KeptSite<unknown> {
    if (!kept) return false;
    const from = at + kept.lead;
    const to = from + kept.text.length;
    return (
      from >= 0 &&
      to <= this.text.length &&
      (!kept.atStart || from === 0) &&
      (!kept.atEnd || to === this.text.length) &&
      this.text.startsWith(kept.text, from)
    );
  }
}

/** A copy of a finding made from a kept value, moved by `by` (a copy even when it did not move: callers may change what they get). */
export function movedBy<I extends { start: number; end: number; related?: Array<{ start: number; end: number; message: string }> }>(
  issue: I,
  by: number,
): I {
  const copy = { ...issue, start: issue.start + by, end: issue.end + by };
  if (issue.related) copy.related = issue.related.map((r) => ({ start: r.start + by, end: r.end + by, message: r.message }));
  return copy;
}
