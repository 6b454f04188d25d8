/**
 * `text.matchAll(re)` for patterns that try a dotted name at every position
 * (`(?<![\w.])(?:[A-Za-z_]\w*\.)*Role\s*\(`): the regular expression engine tries each of a
 * 260 KB file's characters, which was a tenth of a CDK re-check. Every match of such a pattern
 * contains one of a few literal keywords (`Role`), with nothing between the match's start and the
 * keyword but characters of `run` (name characters, dots): so the keywords are found with
 * `indexOf`, and the pattern is tried only from where the run before each one starts.
 *
 * The matches are those of `matchAll`, in order: a match starting at `s` has its keyword at
 * `k >= s` with only run characters in between, so walking back from `k` over them reaches `s`;
 * keywords are taken in the order they occur, and the pattern is tried at every position from
 * the start of each one's run (not before the end of the last match) to the keyword itself.
 */
export function* keywordMatches(text: string, re: RegExp, keywords: string[], run = DOTTED_NAME_RUN): Generator<RegExpExecArray> {
  const sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
  const inRun = runTest(run);
  const next = keywords.map((k) => text.indexOf(k));
  /** Where the last match ended (matchAll's lastIndex); keywords before it are passed over. */
  let last = 0;
  /** Keywords at or after this offset are still to try. */
  let from = 0;
  /**
   * The pattern was tried (and failed) at every offset from `last` to this one: whether it matches
   * at an offset does not depend on the keyword, so no offset is tried twice (many keywords in one
   * long run stay linear).
   */
  let tried = -1;
  for (;;) {
    let k = -1;
    for (let i = 0; i < keywords.length; i++) {
      if (next[i] >= 0 && next[i] < from) next[i] = text.indexOf(keywords[i], from);
      if (next[i] >= 0 && (k < 0 || next[i] < k)) k = next[i];
    }
    if (k < 0) return;
    let start = k;
    while (start > last && start > tried + 1 && inRun(text.charCodeAt(start - 1))) start--;
    let found: RegExpExecArray | null = null;
    for (let t = Math.max(start, tried + 1); t <= k && !found; t++) {
      sticky.lastIndex = t;
      found = sticky.exec(text);
      tried = t;
    }
    if (!found) {
      from = k + 1;
      continue;
    }
    yield found;
    last = found.index + Math.max(1, found[0].length);
    from = last;
  }
}

/** The default `run`: a dotted name's characters. */
const DOTTED_NAME_RUN = /[\w.$]/;

/** Per `run`, whether each ASCII character is in it (`run.test` on a one-character string per step was a tenth of the walk). */
const asciiTables = new WeakMap<RegExp, Uint8Array>();

/** `run` as a test of a character code: a table lookup for ASCII. */
function runTest(run: RegExp): (code: number) => boolean {
  let table = asciiTables.get(run);
  if (!table) {
    table = new Uint8Array(128);
    for (let c = 0; c < 128; c++) table[c] = run.test(String.fromCharCode(c)) ? 1 : 0;
    asciiTables.set(run, table);
  }
  const ascii = table;
  return (code) => (code < 128 ? ascii[code] === 1 : run.test(String.fromCharCode(code)));
}

/**
 * The characters between the start of a TypeScript constructor call's match and its class name
 * (`new  iam.Role(`: `new`, blanks, module names and dots): the `run` of the patterns that match
 * `\bnew\s+(?:[\w$]+\.)*Role\s*\(` with the class name as keyword.
 */
export const NEW_CALL_RUN = /[\w$.\s]/;
