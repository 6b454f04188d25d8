/**
 * Whole-text tests a scan makes of every file (does it import `@pulumi/` or `aws-cdk-lib`? hold a
 * suppression marker? tag its resources by transformation?), kept between scans of an open
 * document. Each test reads the whole text: on a 300 KB file that is 0.03–0.1 ms, and a re-check
 * made half a dozen of them after every keystroke, a fifth of a TypeScript file's re-check CPU.
 *
 * After an edit only the text around it can change an answer: with the last scan's answer (where
 * a substring was first found, or where a pattern first matched) and the common head and tail of
 * the two texts, a test reads the edited region and a few characters around it. Answers are
 * exactly those of a fresh search (`indexOf`, `RegExp.test`): test/engine/text/keptSearches.test.ts
 * replays random edits against them.
 *
 * Kept per path, the last scan's answers and text only, for the recently scanned files up to a
 * total size (as engine/iac/keptSites.ts keeps call sites).
 */
import { commonEnds } from '../secrets/longLineReuse';
import { RecentTexts } from './recentTexts';

/** What a scan asks of its text: a string answers it too (the scan of a file that is not open). */
export interface TextTests {
  includes(needle: string): boolean;
  /**
   * Whether `pattern` matches somewhere, for a pattern whose matches, with the characters its
   * assertions look at (`\b`: one on each side), are never longer than `reach`.
   */
  matches(pattern: RegExp, reach: number): boolean;
  /**
   * False only when the text surely lacks `lowerCased` in every letter case (the secret scanner's
   * keyword pass saw it nowhere: text/passTriggers.ts); true when it may hold it or nobody looked.
   * A whole-text pass whose every match holds such a string asks this first and skips the file.
   */
  mayHold(lowerCased: string): boolean;
}

/** The tests of a text that is not kept: each reads the whole text. */
export function freshTests(text: string): TextTests {
  return { includes: (needle) => text.includes(needle), matches: (pattern) => firstMatch(text, pattern) >= 0, mayHold: () => true };
}

/** Where `pattern` first matches in the whole of `text` (-1: nowhere). */
function firstMatch(text: string, pattern: RegExp): number {
  return text.search(pattern);
}

/**
 * Where `pattern` first matches in `text` at a start in [from, before), reading only the text
 * from `reach` before `from` to `reach` after `before` (-1: no such match). What matches in that
 * window is checked against the whole text: at the window's ends an assertion (`\b`) may pass
 * where in the whole text it would not.
 */
function firstMatchIn(text: string, pattern: RegExp, reach: number, from: number, before: number): number {
  const start = Math.max(0, from - reach);
  const window = text.slice(start, Math.min(text.length, before + reach));
  const flags = pattern.flags.replace(/[gy]/g, '');
  const scan = new RegExp(pattern.source, `${flags}g`);
  const here = new RegExp(pattern.source, `${flags}y`);
  scan.lastIndex = from - start;
  for (let m = scan.exec(window); m && start + m.index < before; m = scan.exec(window)) {
    const at = start + m.index;
    here.lastIndex = at;
    if (here.test(text)) return at;
    scan.lastIndex = m.index + 1;
  }
  return -1;
}

interface KeptFile {
  text: string;
  /** By needle (`s:` substring, `r:` pattern): where it was first found in `text`, -1 for nowhere. */
  firsts: Map<string, number>;
}

/** Text of the files whose answers are kept, all together (the texts are the documents' own, shared with their other memos). */
export const KEPT_SEARCH_CHARS = 4 * 1024 * 1024;

export class SearchStore {
  /** Path → its last scan's answers; most recently scanned path last. */
  private readonly files: RecentTexts<KeptFile>;

  constructor(budget = KEPT_SEARCH_CHARS) {
    this.files = new RecentTexts(budget);
  }

  /** Starts a scan of `path` with `text`: its tests are answered from the last scan's where the edit allows. */
  scan(path: string, text: string): KeptSearches {
    const next: KeptFile = { text, firsts: new Map() };
    return new KeptSearches(text, this.files.replace(path, next), next);
  }
}

/** The tests of one scan of a text, answered from the last scan's where the edit leaves them so. */
export class KeptSearches implements TextTests {
  private ends?: { prefix: number; suffix: number };

  constructor(
    private readonly text: string,
    private readonly last: KeptFile | undefined,
    private readonly next: KeptFile,
  ) {}

  includes(needle: string): boolean {
    const { text } = this;
    // Only a find starting in [from, before) is asked for: the search reads no further than it must.
    const search = (from: number, before: number) => {
      const at = text.slice(from, Math.min(text.length, before + needle.length - 1)).indexOf(needle);
      return at < 0 ? -1 : from + at;
    };
    return this.first(`s:${needle}`, needle.length, search) >= 0;
  }

  mayHold(): boolean {
    return true;
  }

  matches(pattern: RegExp, reach: number): boolean {
    const search = (from: number, before: number) =>
      before >= this.text.length && from === 0 ? firstMatch(this.text, pattern) : firstMatchIn(this.text, pattern, reach, from, before);
    return this.first(`r:${pattern.source}/${pattern.flags}`, reach, search) >= 0;
  }

  /**
   * Where the needle is first found in this text. A find spans at most `reach` characters with
   * what its assertions read; `search(from, before)`: the first find starting in [from, before), or -1.
   */
  private first(key: string, reach: number, search: (from: number, before: number) => number): number {
    const { text, last, next } = this;
    const known = next.firsts.get(key);
    if (known !== undefined) return known;
    const was = last?.firsts.get(key);
    let at: number;
    if (was === undefined || !last) at = search(0, text.length);
    else {
      const { prefix, suffix } = (this.ends ??= commonEnds(last.text, text));
      const delta = text.length - last.text.length;
      if (was >= 0 && was + reach <= prefix) {
        // Found in the common head: found there again, and nothing before it (that would have been found before it too).
        at = was;
      } else {
        // Nothing is found wholly in the head before `from`. A find that is neither wholly in the
        // head nor wholly in the common tail starts in [from, before); past those, the finds are
        // the last text's in the tail, moved by the edit.
        const from = Math.max(0, prefix - reach + 1);
        const before = Math.min(text.length, text.length - suffix + reach);
        at = search(from, before);
        if (at < 0 && was !== -1 && before < text.length) at = was + delta >= before ? was + delta : search(before, text.length);
      }
    }
    next.firsts.set(key, at);
    return at;
  }
}
