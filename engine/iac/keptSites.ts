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
import { RecentTexts } from '../text/recentTexts';

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

/**
 * Text of the files whose sites are kept, all together: a 5,000-line program (230-265 KB) keeps
 * 2-4 MB after a scan (its line memo included), so some 30 MB at most.
 */
export const KEPT_SITE_CHARS = 2 * 1024 * 1024;

type SitesByKind = Map<string, Map<number, KeptSite<unknown>>>;

interface KeptFile {
  sites: SitesByKind;
  /** The text scanned (kept to find what an edit left unchanged). */
  text: string;
}

export class SiteStore {
  /** Path → its last scan's sites. */
  private readonly files: RecentTexts<KeptFile>;

  /** `budget`: characters of scanned text whose sites are kept, all files together. */
  constructor(budget: number) {
    this.files = new RecentTexts(budget);
  }

  /** Starts a scan of `path` with `text`: the last scan's sites are found through the returned lookup. */
  scan(path: string, text: string): SiteLookup {
    const next: KeptFile = { sites: new Map(), text };
    return new SiteLookup(text, this.files.replace(path, next), next.sites);
  }
}

/** The sites of one scan of a text, found among the last scan's (none without a store: every site is read). */
export class SiteLookup {
  /** After one edit a site is most likely where it was, or moved by the edit's length. */
  private readonly shift: number;
  private readonly last?: SitesByKind;
  /** What the edits since the last scan left unchanged: the text's first `prefix` characters and its last `suffix`. */
  private unchanged?: { prefix: number; suffix: number };

  constructor(
    private readonly text: string,
    private readonly lastFile?: KeptFile,
    private readonly next?: SitesByKind,
  ) {
    this.last = lastFile?.sites;
    this.shift = lastFile ? text.length - lastFile.text.length : 0;
  }

  /** The site of `kind` starting at `at`: kept from the last scan if the text it read is unchanged, else `read()`. */
  site<T>(kind: string, at: number, read: () => SiteRead<T>): SiteUse<T> {
    const last = this.last?.get(kind);
    let kept = last?.get(at) as KeptSite<T> | undefined;
    if (!this.sameAt(kept, at, at)) {
      kept = last?.get(at - this.shift) as KeptSite<T> | undefined;
      if (!this.sameAt(kept, at, at - this.shift)) kept = undefined;
    }
    if (!kept) {
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

  /** Whether `kept`, a site at `was` in the last scan, read the same text as it would at `at` now. */
  private sameAt(kept: KeptSite<unknown> | undefined, at: number, was: number): kept is KeptSite<unknown> {
    if (!kept) return false;
    const from = at + kept.lead;
    const to = from + kept.text.length;
    if (from < 0 || to > this.text.length || (kept.atStart && from !== 0) || (kept.atEnd && to !== this.text.length)) return false;
    // Inside what the edits left unchanged (found once per scan), it is the same without comparing.
    const { prefix, suffix } = (this.unchanged ??= unchangedEnds(this.lastFile!.text, this.text));
    const lastFrom = was + kept.lead;
    if (was === at && to <= prefix) return true;
    if (was === at - this.shift && lastFrom >= this.lastFile!.text.length - suffix && from >= this.text.length - suffix) return true;
    return this.text.startsWith(kept.text, from);
  }
}

/** The lengths of the longest common prefix and suffix of two texts (not overlapping in the shorter one). */
export function unchangedEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const chunk = 4096;
  let prefix = 0;
  // Whole chunks first: comparing strings is much faster than comparing their characters one by one.
  while (prefix + chunk <= max && a.slice(prefix, prefix + chunk) === b.slice(prefix, prefix + chunk)) prefix += chunk;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  while (
    suffix + chunk <= room &&
    a.slice(a.length - suffix - chunk, a.length - suffix) === b.slice(b.length - suffix - chunk, b.length - suffix)
  )
    suffix += chunk;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
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
