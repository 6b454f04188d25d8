/**
 * The assignments of a line too long for the line memo (a minified bundle is one line of a
 * megabyte, holding tens of thousands of `name=value` and `name:value`), kept between scans of an
 * open document and found again around the edit only. Finding them all on every keystroke was
 * most of a minified file's re-check.
 *
 * The assignments are what four global regexes match (assignments.ts, `ASSIGNMENT_REGEXES`), each
 * match turned into an assignment by reading the text after it (`…Hit`). Each regex's matches are
 * re-found as longLineReuse.ts re-finds a rule's: an attempt reads at most its pattern's reach
 * around where it starts, so the matches before the edit are kept, the search resumes after the
 * last of them, and once it meets a match of the last scan past the edit, the rest are the last
 * scan's, moved. What a match yields also reads after the match (to a value's closing quote,
 * which can be far away): a kept match whose reading reached into the edit yields again. Matches
 * after the edit read only the unchanged tail. The list is then put together as
 * `findAssignments` does, so it is always the fresh parse's (property test:
 * test/engine/secrets/longLineAssignments.test.ts).
 *
 * The name regex reads through runs of blanks of any length (`name   =`): its reach is bounded by
 * the longest run of blanks in the line. Lines holding a run of BLANK_RUN or more are parsed whole.
 *
 * (A match's own reads are within its pattern's reach; what it yields reads on from its end, as
 * far as `reading` says.)
 *
 * Matches are kept in parallel arrays (positions) and objects made once per match (what it
 * yields, at the position it had then): moving the tail of the line costs no allocation per match.
 */
import {
  ASSIGNMENT_REGEXES,
  callHit,
  elementHit,
  elementNameAttributeHit,
  findAssignments,
  insideBareValue,
  keyValueHit,
  moduleAttribute,
  nameHit,
  reading,
  snakeName,
  type Assignment,
} from './assignments';
import { patternReach, type PatternReach } from '../rules/patternReach';
import { detached } from '../text/detachedText';
import { commonEnds } from './longLineReuse';

/** Lines with a run of this many blanks (spaces, tabs) or more are parsed whole (see above). */
export const BLANK_RUN = 64;
const LONG_BLANKS = new RegExp(`[ \\t]{${BLANK_RUN}}`);
/** What one match yields, positions as they were in the text where it was made. */
export interface Hit {
  /** Where the match started then (positions now are these plus where it starts now minus `at`). */
  at: number;
  assignment?: Assignment;
  /** An element's assignment by its `name=` attribute, listed just before its own (as findAssignments does). */
  before?: Hit;
  /** Name matches: a `#` right before the name. */
  afterHash: boolean;
  /** How far the yield read, exclusive. */
  readTo: number;
  /** The name in snake_case, worked out once. */
  snake?: string;
  /** The assignment rules' verdicts, worked out once: a bit per rule (the scanner's numbering), set when known, and when accepted. */
  known: number;
  accepted: number;
}

/** One regex's matches over the line: starts, where the next search started, what each yielded. */
interface Passes {
  index: Int32Array;
  next: Int32Array;
  hits: Hit[];
}

interface Source {
  re: RegExp;
  /** What each back-reference can repeat (reachOf). */
  references: Record<string, string>;
  /** Worked out when a line is first re-matched (an editor's edit), not at every start of a process that scans no long line. */
  reach?: PatternReach;
  yields: (line: string, m: RegExpExecArray) => Hit;
}

/**
 * The reach of an assignment regex with its back-references replaced by what they can repeat and
 * its unbounded blank runs by runs shorter than BLANK_RUN (the lines re-matched have no longer run).
 */
function reachOf(re: RegExp, references: Record<string, string>): PatternReach {
  let source = re.source.split('[ \\t]*').join(`[ \\t]{0,${BLANK_RUN - 1}}`);
  for (const [ref, what] of Object.entries(references)) source = source.split(ref).join(what);
  const reach = patternReach(source);
  if (!Number.isFinite(reach.ahead) || !Number.isFinite(reach.behind)) throw new Error(`unbounded assignment regex: ${re.source}`);
  return reach;
}

/** An assignment off the line's text: kept hits outlive this version of the document. */
function kept(assignment: Assignment | undefined): Assignment | undefined {
  return assignment && { ...assignment, name: detached(assignment.name), value: detached(assignment.value) };
}

const { name, call, element, keyValue } = ASSIGNMENT_REGEXES;
const SOURCES: Source[] = [
  {
    re: name,
    // The back-reference repeats the name the lookahead read.
    references: { '\\1': '[A-Za-z_$@][\\w.\\-$]{0,100}' },
    yields: (line, m) => {
      reading.to = 0;
      const hit = nameHit(line, m);
      return { at: m.index, assignment: kept(hit.assignment), afterHash: hit.afterHash, readTo: reading.to, known: 0, accepted: 0 };
    },
  },
  {
    re: call,
    references: { '\\1': `["']` },
    yields: (line, m) => {
      reading.to = 0;
      const assignment = callHit(line, m);
      return { at: m.index, assignment: kept(assignment), afterHash: false, readTo: reading.to, known: 0, accepted: 0 };
    },
  },
  {
    re: element,
    references: { '\\1': '[\\w.:-]{0,101}' },
    yields: (_line, m) => {
      const hit = (assignment: Assignment | undefined): Hit => ({
        at: m.index,
        assignment: kept(assignment),
        afterHash: false,
        readTo: m.index + m[0].length,
        known: 0,
        accepted: 0,
      });
      const named = elementNameAttributeHit(m);
      return { ...hit(elementHit(m)), ...(named ? { before: hit(named) } : {}) };
    },
  },
  {
    re: keyValue,
    references: { '\\1': `["']`, '\\3': `["']` },
    yields: (_line, m) => ({
      at: m.index,
      assignment: kept(keyValueHit(m)),
      afterHash: false,
      readTo: m.index + m[0].length,
      known: 0,
      accepted: 0,
    }),
  },
];

/** A long line's assignment matches, kept for its next scan. */
export interface LineAssignments {
  text: string;
  /** The line holds a run of BLANK_RUN blanks: its next scan parses it whole. */
  longBlanks: boolean;
  passes: Passes[];
  /** This scan's assignments, in `findAssignments` order: each hit and how far it moved since it was made. */
  hits: Hit[];
  shifts: Int32Array;
}

/** The assignments of `line`, re-found around the edit since `before` (the same line at the last scan) when given. */
export function lineAssignments(
  line: string,
  before: LineAssignments | undefined,
  ends?: { prefix: number; suffix: number },
): LineAssignments {
  let passes: Passes[];
  let longBlanks: boolean;
  if (before && !before.longBlanks) {
    const { prefix, suffix } = ends ?? commonEnds(before.text, line);
    // A long run of blanks now lies across the edit: the rest of the line has none (it had none).
    longBlanks = LONG_BLANKS.test(line.slice(Math.max(0, prefix - BLANK_RUN), Math.min(line.length, line.length - suffix + BLANK_RUN)));
    passes = longBlanks ? [] : SOURCES.map((source, s) => rematched(source, before.passes[s], before.text, line, prefix, suffix));
  } else {
    longBlanks = LONG_BLANKS.test(line);
    passes = longBlanks ? [] : SOURCES.map((source) => fresh(source, line));
  }
  if (longBlanks) {
    // Parsed whole, every time (as a line that is not kept): the hits are made here, unmoved.
    const found = findAssignments(line);
    const hits = found.map((a): Hit => ({ at: 0, assignment: kept(a), afterHash: false, readTo: line.length, known: 0, accepted: 0 }));
    return { text: line, longBlanks, passes: [], hits, shifts: new Int32Array(hits.length) };
  }
  // Put together as findAssignments does: the module attribute, the name hits not inside a bare
  // value after a `#`, then calls, elements and key/value pairs.
  const hits: Hit[] = [];
  const shifts: number[] = [];
  const attribute = moduleAttribute(line);
  if (attribute) {
    hits.push({ at: 0, assignment: kept(attribute), afterHash: false, readTo: line.length, known: 0, accepted: 0 });
    shifts.push(0);
  }
  for (let s = 0; s < passes.length; s++) {
    const { index, hits: made } = passes[s];
    for (let j = 0; j < made.length; j++) {
      const hit = made[j];
      if (!hit.assignment) continue;
      const shift = index[j] - hit.at;
      if (hit.afterHash && hits.length) {
        const last = hits[hits.length - 1];
        if (insideBareValue(last.assignment, index[j], shifts[shifts.length - 1])) continue;
      }
      if (hit.before) {
        hits.push(hit.before);
        shifts.push(shift);
      }
      hits.push(hit);
      shifts.push(shift);
    }
  }
  return { text: line, longBlanks, passes, hits, shifts: Int32Array.from(shifts) };
}

/** The snake_case name of a hit's assignment, worked out once per hit. */
export function snakeOf(hit: Hit): string {
  return (hit.snake ??= snakeName(hit.assignment!.name));
}

function fresh(source: Source, line: string): Passes {
  const { re, yields } = source;
  const index: number[] = [];
  const next: number[] = [];
  const hits: Hit[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].length === 0) re.lastIndex++;
    const after = re.lastIndex;
    index.push(m.index);
    next.push(after);
    hits.push(yields(line, m));
    re.lastIndex = after;
  }
  return { index: Int32Array.from(index), next: Int32Array.from(next), hits };
}

/** `old` (the passes over `oldLine`) re-found over `line`, which shares its first `prefix` and last `suffix` characters. */
function rematched(source: Source, old: Passes, oldLine: string, line: string, prefix: number, suffix: number): Passes {
  const { re, yields } = source;
  const reach = (source.reach ??= reachOf(re, source.references));
  const delta = line.length - oldLine.length;
  const n = old.index.length;
  // Matches whose attempts read only the unchanged head are the old ones (starts are ascending).
  let kept = 0;
  for (let lo = 0, hi = n; lo < hi;) {
    const mid = (lo + hi) >>> 1;
    if (old.index[mid] + reach.ahead <= prefix) lo = kept = mid + 1;
    else hi = mid;
  }
  const index: number[] = [];
  const next: number[] = [];
  const hits: Hit[] = [];
  // The search resumes after the last kept match, at the first attempt that reads the edit.
  let q = Math.max(kept ? old.next[kept - 1] : 0, prefix - reach.ahead + 1);
  // A search from here on reads only the unchanged tail: it is the old search, moved.
  const syncFrom = line.length - suffix + reach.behind;
  const head = line.slice(0, Math.min(line.length, syncFrom + reach.ahead));
  let k = kept;
  let tail = n;
  for (;;) {
    if (q >= syncFrom) {
      const at = q - delta;
      while (k < n && old.index[k] < at) k++;
      if (k === 0 || old.next[k - 1] <= at) {
        tail = k;
        break;
      }
    }
    const bounded = q < syncFrom;
    re.lastIndex = q;
    const m = re.exec(bounded ? head : line);
    if (!m || (bounded && m.index > syncFrom)) {
      if (!bounded) break;
      q = syncFrom + 1; // every attempt up to syncFrom failed
      continue;
    }
    if (m[0].length === 0) re.lastIndex++;
    q = re.lastIndex;
    index.push(m.index);
    next.push(q);
    hits.push(yields(line, m)); // reads the whole line, not the head cut for the search
  }
  const total = kept + index.length + (n - tail);
  const out: Passes = { index: new Int32Array(total), next: new Int32Array(total), hits: new Array<Hit>(total) };
  out.index.set(old.index.subarray(0, kept));
  out.next.set(old.next.subarray(0, kept));
  for (let j = 0; j < kept; j++) {
    const hit = old.hits[j];
    const at = old.index[j];
    if (hit.readTo + (at - hit.at) <= prefix) out.hits[j] = hit;
    else {
      // Its match is the same (it read only the head), what follows it may not be.
      re.lastIndex = at;
      out.hits[j] = yields(line, re.exec(line)!);
    }
  }
  for (let j = 0; j < index.length; j++) {
    out.index[kept + j] = index[j];
    out.next[kept + j] = next[j];
    out.hits[kept + j] = hits[j];
  }
  for (let t = tail, j = kept + index.length; t < n; t++, j++) {
    out.index[j] = old.index[t] + delta;
    out.next[j] = old.next[t] + delta;
    out.hits[j] = old.hits[t];
  }
  return out;
}
