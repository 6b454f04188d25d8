/**
 * A regex that every match of a pattern made of top-level alternatives also matches, somewhere
 * inside the match: per alternative, a run of consecutive atoms every match of that alternative
 * goes through once each (literal characters, classes, groups of plain strings), joined as
 * alternatives. A line it does not match cannot hold a match of the pattern.
 *
 * requiredLiterals.ts gives nothing for such a pattern (no string is common to all alternatives),
 * and a literal per alternative can be weak: the command-line credentials rule
 * (`\b(?:curl|http|…)\b[^\n|;&]{0,300}?[ \t](?:-u|--user|-a|--auth)[ \t=]{1,4}…|\bsmbclient\b…`)
 * runs on every line with `http`, where each attempt reads up to 300 characters on; its runs
 * `[ \t](?:-u|--user|-a|--auth)[ \t=]`, `smbclient`, … are on few of those lines.
 *
 * The reading is conservative: a construct it does not know ends a run; an alternative without a
 * run of at least two literal characters' worth gives no fragment at all.
 */
export function requiredFragment(source: string, flags = ''): string | undefined {
  if (/[uv]/.test(flags)) return undefined;
  const best = bestRun(source);
  // Without an alternation in it, the fragment says little more than the required literals.
  return best && best.alternation && best.score >= MIN_SCORE ? best.source : undefined;
}

/** The best required fragment of `source` (a whole pattern or a group's body), if it has one. */
function bestRun(source: string): Run | undefined {
  const alternatives = splitTopLevel(source);
  if (!alternatives) return undefined;
  const bests: Run[] = [];
  for (const alternative of alternatives) {
    const runs = runsOf(alternative);
    if (!runs) return undefined;
    let chosen: Run | undefined;
    for (const run of runs) if (!chosen || run.score > chosen.score) chosen = run;
    // An alternative without a good run makes the alternation's fragment as weak.
    if (!chosen || chosen.score < MIN_SCORE) return undefined;
    bests.push(chosen);
  }
  if (bests.length === 1) return bests[0];
  return {
    source: `(?:${bests.map((b) => b.source).join('|')})`,
    score: Math.min(...bests.map((b) => b.score)),
    alternation: true,
  };
}

/** A literal character counts this much towards a run's score, any other atom (a class) one. */
const LITERAL = 4;
/** Two literal characters' worth: a run weaker than that would pass nearly every line. */
const MIN_SCORE = 2 * LITERAL;

interface Run {
  source: string;
  score: number;
  /** Made of the fragments of alternatives. */
  alternation?: boolean;
}

/** The alternatives of `source` at its top level (undefined when it is not understood). */
function splitTopLevel(source: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(source, i);
      if (end < 0) return undefined;
      i = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) return undefined;
    } else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(source.slice(start));
  return parts;
}

/** The index just past the class that opens at `i` (a `[`), or -1. In JavaScript `[]` is a class of its own. */
function classEnd(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '^') j++;
  while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
  return j < s.length ? j + 1 : -1;
}

/** The index just past the group that opens at `i` (a `(`), or -1. */
function groupEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const end = classEnd(s, j);
      if (end < 0) return -1;
      j = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

/** What one atom is to a run. */
type Atom =
  /** Matches one character: a literal (`literal`) or a class. */
  | { kind: 'one'; source: string; literal: boolean }
  /** A group of plain strings, `(?:-u|--user)`: as a fragment, its shortest string's worth. */
  | { kind: 'strings'; source: string; shortest: number }
  /** Any other group but a lookaround: its own best fragment is somewhere in every match of it. */
  | { kind: 'group'; body: string }
  /** Zero-width, or anything not understood: ends a run. */
  | { kind: 'other' };

/** Class escapes: one character of a class. */
const CLASS_ESCAPE = /^[dDwWsS]$/;
/** Escapes that stand for one known character. */
const CHAR_ESCAPE = /^[nrtfv\\^$.*+?()[\]{}|/\-:=!<>,#&~'"`@%;_ ]$/;

/** The runs of one alternative, or undefined when its syntax is not understood. */
function runsOf(s: string): Run[] | undefined {
  const runs: Run[] = [];
  let run: Run = { source: '', score: 0 };
  const flush = () => {
    if (run.score > 0) runs.push(run);
    run = { source: '', score: 0 };
  };
  let i = 0;
  while (i < s.length) {
    const read = atomAt(s, i);
    if (!read) return undefined;
    const { atom } = read;
    i = read.end;
    const q = quantifierAt(s, i);
    if (!q) return undefined;
    i = q.end;
    if (atom.kind === 'other' || q.min === 0) {
      flush();
      continue;
    }
    if (atom.kind === 'group') {
      // Not next to what comes before or after it: a run of its own.
      flush();
      const inner = bestRun(atom.body);
      if (inner) runs.push(inner);
      continue;
    }
    const score = atom.kind === 'strings' ? atom.shortest * LITERAL : atom.literal ? LITERAL : 1;
    const add = () => {
      run.source += atom.source;
      run.score += score;
    };
    add();
    if (q.min !== 1 || q.max !== 1) {
      // `ab+c`: a match holds `ab` and, after the last `b`, `bc`.
      flush();
      add();
    }
  }
  flush();
  return runs;
}

function atomAt(s: string, i: number): { atom: Atom; end: number } | undefined {
  const c = s[i];
  if (c === '\\') {
    const e = s[i + 1];
    if (e === undefined) return undefined;
    if (CLASS_ESCAPE.test(e)) return { atom: { kind: 'one', source: s.slice(i, i + 2), literal: false }, end: i + 2 };
    if (CHAR_ESCAPE.test(e)) return { atom: { kind: 'one', source: s.slice(i, i + 2), literal: true }, end: i + 2 };
    if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 2, i + 4)))
      return { atom: { kind: 'one', source: s.slice(i, i + 4), literal: true }, end: i + 4 };
    if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6)))
      return { atom: { kind: 'one', source: s.slice(i, i + 6), literal: true }, end: i + 6 };
    // \b \B, back-references, \k<…>, \0, \c…: not part of a run (a back-reference's end is not known here).
    if (e === 'k' && s[i + 2] === '<') {
      const close = s.indexOf('>', i);
      return close < 0 ? undefined : { atom: { kind: 'other' }, end: close + 1 };
    }
    if (e === 'c' && /[A-Za-z]/.test(s[i + 2] ?? '')) return { atom: { kind: 'other' }, end: i + 3 };
    return { atom: { kind: 'other' }, end: i + 2 };
  }
  if (c === '[') {
    const end = classEnd(s, i);
    return end < 0 ? undefined : { atom: { kind: 'one', source: s.slice(i, end), literal: false }, end };
  }
  if (c === '(') {
    const end = groupEnd(s, i);
    if (end < 0) return undefined;
    return { atom: stringsGroup(s.slice(i, end)), end };
  }
  if (c === ')' || c === '|') return undefined;
  if (c === '.') return { atom: { kind: 'one', source: '.', literal: false }, end: i + 1 };
  // Anchors, and a quantifier or a stray `]`/`}` with nothing before it: not part of a run.
  if ('^$*+?]{}'.includes(c)) return { atom: { kind: 'other' }, end: i + 1 };
  return { atom: { kind: 'one', source: c, literal: true }, end: i + 1 };
}

/**
 * A group whose alternatives are all plain strings (`(?:curl|http)`, `(-u|--user)`), as a
 * non-capturing group; any other group but a lookaround (`other`) as its body.
 */
function stringsGroup(group: string): Atom {
  let body: string;
  if (group.startsWith('(?:')) body = group.slice(3, -1);
  else if (group.startsWith('(?<') && !group.startsWith('(?<=') && !group.startsWith('(?<!')) {
    const close = group.indexOf('>');
    if (close < 0) return { kind: 'other' };
    body = group.slice(close + 1, -1);
  } else if (group[1] !== '?') body = group.slice(1, -1);
  else return { kind: 'other' };
  const strings = splitTopLevel(body);
  if (!strings) return { kind: 'other' };
  let shortest = Infinity;
  for (const string of strings) {
    let length = 0;
    for (let i = 0; i < string.length;) {
      const read = atomAt(string, i);
      if (!read || read.atom.kind !== 'one' || !read.atom.literal) return { kind: 'group', body };
      i = read.end;
      // A quantifier inside: not a plain string.
      if (i < string.length && '*+?{'.includes(string[i])) return { kind: 'group', body };
      length++;
    }
    shortest = Math.min(shortest, length);
  }
  if (!(shortest > 0)) return { kind: 'group', body };
  return { kind: 'strings', source: `(?:${body})`, shortest };
}

/** The quantifier at `i` (or once, when there is none) and where it ends. */
function quantifierAt(s: string, i: number): { min: number; max: number; end: number } | undefined {
  const c = s[i];
  let min: number;
  let max: number;
  let end: number;
  if (c === '*') [min, max, end] = [0, Infinity, i + 1];
  else if (c === '+') [min, max, end] = [1, Infinity, i + 1];
  else if (c === '?') [min, max, end] = [0, 1, i + 1];
  else if (c === '{') {
    const q = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i, i + 24));
    if (!q) return { min: 1, max: 1, end: i }; // a literal `{`: read as the next atom
    min = Number(q[1]);
    max = q[2] === undefined ? min : q[3] === '' ? Infinity : Number(q[3]);
    end = i + q[0].length;
  } else return { min: 1, max: 1, end: i };
  if (s[end] === '?') end++; // lazy
  return { min, max, end };
}
