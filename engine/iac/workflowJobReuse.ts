/**
 * Parses of a GitHub workflow's jobs kept between scans of the same file: a workflow is one YAML
 * document, most of it the `jobs:` mapping, and a keystroke changes one job, so only that job is
 * parsed again; the others are the last scan's trees, moved in place to where their text now
 * starts (handed out valid until the next parse of the same path, as YamlDocumentReuse's
 * documents: the analysers never change them, test/engine/iac/yamlDocumentReuse.test.ts runs
 * them on frozen trees). The result is what `parseYamlSource` gives for the whole file (property test:
 * test/engine/iac/workflowJobReuse.test.ts).
 *
 * Used only where the file has the plain layout (`jobsLayout`): one document, no directives, lines
 * ending at `\n` (or `\r\n`), a `jobs:` line at column 0 with nothing after it at column 0, and
 * every line after it blank, a comment, or indented at least as far as the first job; each
 * `name:` line at that indentation starts a piece. The header (up to the first piece, ending in `jobs:`) is parsed
 * on its own, as the start of the file; each piece is parsed after a line `jobs:`, so it is read
 * where the file reads it: in a mapping under `jobs`, at the same depth. A line at the jobs'
 * indentation ends whatever the piece before it had open (a block scalar, a plain scalar, a nested
 * mapping), and what it cannot end (a quoted scalar, a flow collection) is a syntax error of that
 * piece too. So when every piece reads as one job (one entry, at the jobs' indentation), the tree
 * of the file is the header's with these jobs put in as the value of `jobs`; a file whose pieces do
 * not have that shape is parsed whole.
 *
 * With a syntax error a single-document file has no tree, only its first error: the pieces before
 * the first broken one read as in the file, so the error is in that piece or after it, and it is
 * read from there (`errorFrom`), not from the start of the file.
 *
 * Kept per path: the pieces of the file's last scan only, for the recently scanned files up to a
 * total size (as `YamlDocumentReuse`).
 */
import type { MapEntry, MapNode, SourceNode } from './sourceTree';
import { PieceStore } from './pieceStore';
import { firstSyntaxError, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';
import { deepFreeze, moved, shifted } from './yamlDocumentReuse';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/** Text kept, all files together (each with the trees of its last scan). A larger file is parsed whole. */
const KEPT_CHARS = 2 * 1024 * 1024;
/** What a piece is parsed after: the key it lies under in the file, at the top level. */
const JOBS = 'jobs:\n';

interface Kept {
  text: string;
  /** The piece's documents (a job's: after `JOBS`, at offset 0 of that), or undefined when it does not parse. */
  trees: SourceNode[] | undefined;
  /** How far the job's value (its tree under the job's key) has been moved from where the parse put it. */
  at: number;
  /** The last parse that handed the job's value out. */
  scan: number;
}

export class WorkflowJobReuse {
  private readonly store = new PieceStore<Kept>(KEPT_CHARS);
  private readonly from: number;
  private readonly freeze: boolean;
  /** Pieces parsed so far (for tests: how much was reused). */
  parsedPieces = 0;
  /** Parses so far: stamps which parse handed a job's value out. */
  private scans = 0;

  /**
   * `from`: the smallest text worth reusing (tests set 0). `freeze`: freeze every job handed out
   * (tests: an analyser that changes one then throws).
   */
  constructor(options: { from?: number; freeze?: boolean } = {}) {
    this.from = options.from ?? REUSE_FROM;
    this.freeze = options.freeze ?? false;
  }

  /** `parseYamlSource(text)`, reusing the jobs unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    if (text.length < this.from || text.length > KEPT_CHARS) return parseYamlSource(text);
    const layout = jobsLayout(text);
    if (!layout) return parseYamlSource(text);
    const pieces = this.store.scan(path, text);
    const pieceAt = (start: number, end: number, after: string): Kept =>
      pieces.pieceAt(start, end, (piece) => {
        this.parsedPieces++;
        return { text: piece, trees: parsedOrUndefined(after + piece), at: 0, scan: 0 };
      });

    const { starts, indent, jobsKey } = layout;
    const header = pieceAt(0, starts[0], '').trees;
    const root = header?.length === 1 ? header[0] : undefined;
    const jobsEntry = root?.type === 'map' ? root.entries[root.entries.length - 1] : undefined;
    if (!root || root.type !== 'map' || !isEmptyJobsEntry(jobsEntry, jobsKey)) return parseYamlSource(text);

    const scan = ++this.scans;
    const entries: MapEntry[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const piece = pieceAt(start, starts[i + 1] ?? text.length, JOBS);
      if (!piece.trees) {
        const error = errorFrom(text, starts, i);
        return error ? { documents: [], error } : parseYamlSource(text);
      }
      const entry = jobOf(piece.trees, indent, piece.at);
      if (!entry) return parseYamlSource(text);
      const by = start - JOBS.length;
      entries.push({
        key: entry.key,
        keyStart: entry.keyStart + by,
        keyEnd: entry.keyEnd + by,
        value: this.handOut(piece, entry, by, scan),
      });
    }
    // As the parse of the file builds a block mapping: from its first key, to the furthest end of a value.
    const jobsStart = entries[0].keyStart;
    const jobs: MapNode = { type: 'map', entries, start: jobsStart, end: jobsStart + 1 };
    for (const e of entries) if (e.value.end > jobs.end) jobs.end = e.value.end;
    const file = moved(root, 0, true) as MapNode;
    file.entries[file.entries.length - 1] = { ...file.entries[file.entries.length - 1], value: jobs };
    if (jobs.end > file.end) file.end = jobs.end;
    return { documents: [file] };
  }

  /**
   * A kept job's value placed `by` further than the parse put it: moved there in place and handed
   * out (valid until the next parse of the same path, as YamlDocumentReuse's documents; copying
   * every job on every keystroke was most of a workflow re-check's garbage), or a copy when this
   * parse already handed it out (a job whose text occurs twice) or trees are frozen.
   */
  private handOut(kept: Kept, entry: MapEntry, by: number, scan: number): SourceNode {
    if (kept.scan === scan) return this.frozen(moved(entry.value, by - kept.at, true));
    kept.scan = scan;
    if (by !== kept.at) {
      if (this.freeze) entry.value = moved(entry.value, by - kept.at, true);
      else shifted(entry.value, by - kept.at);
      kept.at = by;
    }
    return this.frozen(entry.value);
  }

  private frozen(tree: SourceNode): SourceNode {
    if (this.freeze) deepFreeze(tree);
    return tree;
  }
}

/**
 * The file's first syntax error when piece `i` is the first that does not parse: the pieces
 * before it read as in the file, so the error is in the rest, read after `JOBS` as the file reads
 * it. First that piece with the next one after it: its error cannot depend on more than the line
 * that follows it (a line at the jobs' indentation ends every block construct, and js-yaml looks
 * ahead one line at most); when the error lies in that next piece or at its end, the whole rest is
 * read. Undefined when that finds none: the file is then parsed whole.
 */
function errorFrom(text: string, starts: number[], i: number): YamlParseResult['error'] {
  const start = starts[i];
  const end = starts[i + 1];
  const from = (to: number) => {
    const error = firstSyntaxError(JOBS + text.slice(start, to), 0);
    const by = start - JOBS.length;
    return error && { message: error.message, start: error.start + by, end: error.end + by };
  };
  const near = end === undefined ? undefined : from(starts[i + 2] ?? text.length);
  return near && near.start < end! ? near : from(text.length);
}

/**
 * The one job a piece parsed after `JOBS` holds, or undefined when it holds something else.
 * `moved`: how far the job's value has been moved since the parse (`handOut`).
 */
function jobOf(trees: SourceNode[], indent: number, moved: number): MapEntry | undefined {
  const root = trees.length === 1 ? trees[0] : undefined;
  const jobs = root?.type === 'map' && root.entries.length === 1 ? root.entries[0].value : undefined;
  const job = jobs?.type === 'map' && jobs.entries.length === 1 ? jobs.entries[0] : undefined;
  // An entry without a plain key (`? [a]`, `: b`) is left out of the tree but still extends the
  // mapping's end, which is rebuilt from the jobs: such a piece is not a job.
  const valueEnd = job && (job.value.end < 0 ? job.value.end : job.value.end - moved);
  const end = job && Math.max(jobs!.start + 1, valueEnd!);
  return job?.keyStart === JOBS.length + indent && jobs!.end === end ? job : undefined;
}

function parsedOrUndefined(text: string): SourceNode[] | undefined {
  try {
    return parseYamlDocuments(text);
  } catch {
    return undefined;
  }
}

/** `jobs:` with nothing after it, read on its own: an empty value, which has no position. */
function isEmptyJobsEntry(entry: MapEntry | undefined, keyStart: number): boolean {
  const value = entry?.value;
  return (
    entry?.key === 'jobs' &&
    entry.keyStart === keyStart &&
    value?.type === 'scalar' &&
    value.value === null &&
    value.start === -1 &&
    value.end === -1
  );
}

const JOB_KEY = /[A-Za-z_][\w-]*[ \t]*:(?=[ \t\r\n]|$)/y;
const JOBS_LINE = /jobs:[ \t]*(?:#[^\n]*)?\r?$/;

/** Per indentation of the jobs: a line feed before a line indented no deeper than that (`jobsLayout`). */
const shallowLines = new Map<number, RegExp>();
/** A line whose indentation holds a tab (after any spaces). */
const TAB_INDENT = /\n *\t/g;

/**
 * Where the header ends and each job starts, the jobs' indentation and where the `jobs` key is;
 * undefined unless the file has the plain layout described above (then it is parsed whole).
 * Runs on every keystroke in a workflow: past the first job only the lines that can matter are
 * visited (those indented no deeper than the jobs, found by a regex, and any with a tab in its
 * indentation), not every line of the file (that walk was a fifth of a workflow's re-check).
 */
export function jobsLayout(text: string): { jobsKey: number; indent: number; starts: number[] } | undefined {
  // indexOf first: a regex over 127 KB costs a tenth of a millisecond, indexOf a hundredth.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  if (/^(?:%|---|\.\.\.)/.test(text) || ['\n%', '\n---', '\n...'].some((marker) => text.includes(marker))) return undefined;
  let jobsKey = -1;
  let indent = -1;
  const starts: number[] = [];
  /** What a line after `jobs:` says, its first character other than a space at `i`: false when the file has not the plain layout. */
  const line = (at: number, i: number): boolean => {
    const c = text.charCodeAt(i);
    // Empty, `\r` (always before `\n` here), or a comment: nothing to say.
    if (i >= text.length || c === 10 || c === 13 || c === 35) return true;
    const n = i - at;
    if (c === 9 || n === 0) return false; // a tab, or more of the top-level mapping
    if (indent < 0) indent = n;
    if (n < indent) return false;
    if (n === indent) {
      // Only a `name:` line starts a piece: after `jobs:` anything else would be read as the
      // value of `jobs`, not as the next entry of its mapping. Another line (being typed, or
      // broken) stays in the piece before it, which then reads as the file does.
      JOB_KEY.lastIndex = i;
      if (JOB_KEY.test(text)) starts.push(at);
      else if (!starts.length) return false;
    }
    return true;
  };
  const spacesFrom = (at: number) => {
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    return i;
  };
  // Line by line to the `jobs:` line and the first line after it that is not blank (the first job's).
  let at = 0;
  while (at < text.length && indent < 0) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (jobsKey < 0) {
      if (text.startsWith('jobs:', at) && JOBS_LINE.test(text.slice(at, nl))) jobsKey = at;
    } else if (!line(at, spacesFrom(at))) return undefined;
    at = nl + 1;
  }
  if (jobsKey < 0 || indent < 0) return undefined;
  // The other lines: one whose indentation holds a tab ends it; of the rest, those indented no
  // deeper than the jobs are read (the line feed before each, from the one ending the last line read).
  if (text.includes('\t', at)) {
    TAB_INDENT.lastIndex = at - 1;
    if (TAB_INDENT.test(text)) return undefined;
  }
  let shallow = shallowLines.get(indent);
  if (!shallow) shallowLines.set(indent, (shallow = new RegExp(`\\n(?! {${indent + 1}})`, 'g')));
  shallow.lastIndex = at - 1;
  for (let m = shallow.exec(text); m; m = shallow.exec(text)) {
    const start = m.index + 1;
    if (start >= text.length) break;
    if (!line(start, spacesFrom(start))) return undefined;
  }
  return starts.length >= 2 ? { jobsKey, indent, starts } : undefined;
}
