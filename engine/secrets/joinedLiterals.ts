/**
 * A token split over string literals that the code joins again: `'sk-proj-…' +\n '…' +\n '…'`
 * (JavaScript, Java, C#), `"xoxb-…"\n "…"` inside parentheses (Python and C implicit
 * concatenation), `'…' . '…'` (PHP). No pattern sees the whole token in any one literal; this
 * finds chains of adjacent literals and gives their joined text, so the secret rules can look at it.
 *
 * Bounded and cheap on the common path: one pass looks for a joint (a closing quote, then only
 * blanks, at most one `+` or `.`, and at most one line break, then an opening quote); only the
 * lines around a joint are tokenised, chains hold at most MAX_PIECES literals over MAX_LINES lines,
 * and a file yields at most MAX_CHAINS chains.
 */

/** A chain of at least two adjacent literals: where it sits and what it joins to. */
export interface JoinedLiteral {
  /** Offset of the first literal's opening quote, and just past the last one's closing quote. */
  start: number;
  end: number;
  /** The literals' contents, joined (escapes left as written). */
  joined: string;
  /** Offset in `joined` where each piece after the first begins. */
  boundaries: number[];
  /** Offset in the text of each piece's content, in order. */
  pieceStarts: number[];
}

const GAP = /^[ \t]*(?:[+.][ \t]*)?(?:\r?\n[ \t]*(?:[+.][ \t]*)?)?$/;
const MAX_PIECES = 16;
const MAX_LINES = 16;
const MAX_PIECE = 1000;
const MAX_JOINED = 4000;
const MAX_CHAINS = 200;
/** Characters a token is made of: a secret split over literals has them on both sides of its joint. */
const TOKEN_CHAR = /[\w\-+/=.:~\\]/;

const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;

function skipBlanks(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  return i;
}

/**
 * Where the joint that starts at the quote at `quote` ends (just past its second quote), or -1
 * when none starts there: what /["'][ \t]*(?:[+.][ \t]*)?(?:\r?\n[ \t]*(?:[+.][ \t]*)?)?["']/
 * matches at that quote. Blanks, `+` and `.`, line breaks and quotes are distinct characters, so
 * the match is read in one pass with no going back. A hand-written pass, as the regex was a third
 * of the time of this module on the npm tree (a match and its array for every `''` in the code).
 */
export function jointEnd(text: string, quote: number): number {
  let i = skipBlanks(text, quote + 1);
  let c = text.charCodeAt(i);
  if (c === 43 || c === 46) c = text.charCodeAt((i = skipBlanks(text, i + 1))); // + or .
  if (c === 13 && text.charCodeAt(i + 1) === 10) c = text.charCodeAt(++i); // \r\n
  if (c === 10) {
    c = text.charCodeAt((i = skipBlanks(text, i + 1)));
    if (c === 43 || c === 46) c = text.charCodeAt((i = skipBlanks(text, i + 1)));
  }
  return c === DOUBLE_QUOTE || c === SINGLE_QUOTE ? i + 1 : -1;
}

interface Literal {
  open: number;
  close: number;
}

/** The one-line string literals of text[from, to), by a small tokenizer (quotes and backslash escapes). */
function literalsIn(text: string, from: number, to: number): Literal[] {
  const found: Literal[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < to && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j < to && text[j] === c && j - i - 1 <= MAX_PIECE) found.push({ open: i, close: j });
      i = j + 1;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      // A line comment ends the literals of its line (an apostrophe in it opens nothing).
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else i++;
  }
  return found;
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * Where joints are in `text`, as one pass finds them (`jointEnd` at each quote from `from` on,
 * going on after each joint found, as the global regex's pass did): [start, end) pairs in text
 * order, of joints starting before `before`.
 */
export function jointsIn(text: string, from = 0, before = text.length): number[] {
  const found: number[] = [];
  let double = text.indexOf('"', from);
  let single = text.indexOf("'", from);
  for (let next = from; ;) {
    // The next quote from `next` on, and the joint that starts there if one does.
    if (double >= 0 && double < next) double = text.indexOf('"', next);
    if (single >= 0 && single < next) single = text.indexOf("'", next);
    const start = double < 0 ? single : single < 0 ? double : Math.min(double, single);
    if (start < 0 || start >= before) break;
    const end = jointEnd(text, start);
    if (end < 0) {
      next = start + 1;
      continue;
    }
    found.push(start, end);
    next = end;
  }
  return found;
}

/**
 * The joints of `text` from those of the text before an edit (`previous`, from `jointsIn` or
 * here) and where the two texts differ (`edit`: their common head and tail lengths, and the
 * change in length): what `jointsIn(text)` gives, reading only the lines around the edit.
 *
 * A match attempt at an offset reads forward only, and no further than the end of the next line
 * (the pattern holds at most one line break). So attempts starting two lines or more before the
 * edit's line, and attempts starting in the common tail, see what they saw before: the pass finds
 * the last text's joints there (moved by the edit after it), and between those it is run again.
 */
export function jointsAfterEdit(
  text: string,
  previous: readonly number[],
  edit: { prefix: number; suffix: number; delta: number },
): number[] {
  const { prefix, suffix, delta } = edit;
  const changedEnd = text.length - suffix;
  // Attempts starting before the start of the line above the edit's line read only the common head.
  const startOfLine = (offset: number) => (offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1);
  const headEnd = startOfLine(startOfLine(prefix) - 1);
  const found: number[] = [];
  let k = 0;
  for (; k < previous.length && previous[k] < headEnd; k += 2) found.push(previous[k], previous[k + 1]);
  // The last text's pass found nothing more starting before `headEnd`: neither does this one.
  const from = Math.max(headEnd, found.length ? found[found.length - 1] : 0);
  // Attempts starting before `changedEnd` read no further than the end of the line after its line.
  let windowEnd = changedEnd;
  for (let n = 0; n < 3 && windowEnd < text.length; n++) windowEnd = lineEndAt(text, windowEnd) + 1;
  windowEnd = Math.min(windowEnd, text.length);
  const edited = jointsIn(text.slice(0, windowEnd), from, changedEnd);
  for (const at of edited) found.push(at);
  const resume = edited.length ? Math.max(changedEnd, edited[edited.length - 1]) : changedEnd;
  // From `resume` on (in the common tail) the pass finds what the last one found from `resume - delta`,
  // unless the last pass was inside a joint there (then its next joints were found from elsewhere).
  const was = resume - delta;
  while (k < previous.length && previous[k] < was) k += 2;
  if (k > 0 && previous[k - 1] > was) return jointsIn(text);
  for (; k < previous.length; k += 2) found.push(previous[k] + delta, previous[k + 1] + delta);
  return found;
}

/**
 * Every chain of two or more adjacent literals in the text (see the module comment for bounds).
 * `joints`: where the joint pattern matches in it (`jointsIn`, or kept across edits by `jointsAfterEdit`).
 */
export function joinedLiterals(text: string, joints: readonly number[] = jointsIn(text)): JoinedLiteral[] {
  const chains: JoinedLiteral[] = [];
  let doneUntil = -1;
  // The literals of the lines around the last joint looked at: the joints of one long line (a
  // minified bundle) all look at the same lines.
  let tokenised: { from: number; to: number; literals: Literal[] } = { from: -1, to: -1, literals: [] };
  for (let j = 0; j < joints.length && chains.length < MAX_CHAINS; j += 2) {
    const start = joints[j];
    const end = joints[j + 1];
    // `""` is an empty literal, not two literals meeting.
    if (start < doneUntil || end - start === 2) continue;
    // Only a joint with token characters on both sides can split a secret: prose, markup and
    // argument lists meet at blanks or punctuation, and are not tokenised (most chains in code).
    if (!TOKEN_CHAR.test(text[start - 1] ?? '') || !TOKEN_CHAR.test(text[end] ?? '')) continue;
    // Tokenise a few lines around the joint: enough for a chain of MAX_LINES lines through it.
    let from = lineStartAt(text, start);
    for (let k = 0; k < MAX_LINES / 2 && from > 0; k++) from = lineStartAt(text, from - 1);
    let to = lineEndAt(text, end);
    for (let k = 0; k < MAX_LINES / 2 && to < text.length; k++) to = lineEndAt(text, to + 1);
    if (from !== tokenised.from || to !== tokenised.to) tokenised = { from, to, literals: literalsIn(text, from, to) };
    const literals = tokenised.literals;
    for (let a = 0; a < literals.length && chains.length < MAX_CHAINS;) {
      let b = a;
      while (b + 1 < literals.length && b - a + 1 < MAX_PIECES && GAP.test(text.slice(literals[b].close + 1, literals[b + 1].open))) b++;
      if (b > a && literals[b].close >= start && literals[a].open <= end && literals[a].open >= doneUntil) {
        const pieces = literals.slice(a, b + 1).map((l) => text.slice(l.open + 1, l.close));
        const joined = pieces.join('');
        if (joined.length <= MAX_JOINED) {
          const boundaries: number[] = [];
          let at = 0;
          for (let p = 0; p < pieces.length - 1; p++) boundaries.push((at += pieces[p].length));
          chains.push({
            start: literals[a].open,
            end: literals[b].close + 1,
            joined,
            boundaries,
            pieceStarts: literals.slice(a, b + 1).map((l) => l.open + 1),
          });
        }
        doneUntil = literals[b].close + 1;
      }
      a = b + 1;
    }
    doneUntil = Math.max(doneUntil, start + 1);
  }
  return chains;
}

/** Shortest run of token characters across a joint worth scanning: provider secrets are longer. */
const MIN_SPLIT_TOKEN = 16;

/**
 * Whether a secret may cross one of the chain's joints: the run of token characters (no blank,
 * no quote) through some joint is at least MIN_SPLIT_TOKEN long. Most joined literals in code are
 * prose, markup or paths (`'<div class="' + 'x'`): they are not scanned again.
 */
export function mayHoldSplitToken(chain: JoinedLiteral): boolean {
  const s = chain.joined;
  for (const b of chain.boundaries) {
    if (!TOKEN_CHAR.test(s[b - 1] ?? '') || !TOKEN_CHAR.test(s[b] ?? '')) continue;
    let from = b - 1;
    while (from > 0 && TOKEN_CHAR.test(s[from - 1])) from--;
    let to = b + 1;
    while (to < s.length && TOKEN_CHAR.test(s[to])) to++;
    if (to - from >= MIN_SPLIT_TOKEN) return true;
  }
  return false;
}
