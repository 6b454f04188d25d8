/**
 * Parses of a GitHub workflow's jobs kept between scans of the same file: a workflow is one YAML
 * document, most of it the `jobs:` mapping, and a keystroke changes one job, so only that job is
 * parsed again; the others are copies of the last scan's trees moved to where their text now
 * starts. The result is what `parseYamlSource` gives for the whole file (property test:
 * test/engine/iac/workflowJobReuse.test.ts).
 *
 * Used only where the file has the plain layout (`jobsLayout`): one document, no directives, lines
 * ending at `\n` (or `\r\n`), a `jobs:` line at column 0 with nothing after it at column 0, and
 * every line after it blank, a comment, or indented at least as far as the first job, each line at
 * that indentation starting a job (`name:`). Then the file reads as the header (up to the first
 * job, ending in `jobs:` with no value on its own) and one single-entry mapping per job, each
 * indented like the jobs mapping of the whole file, where a line at the jobs' indentation ends
 * whatever the job before it had open (a block scalar, a plain scalar, a nested mapping) or is a
 * syntax error of that job on its own too. The tree of the file is the header's with the jobs
 * mapping put in as the value of `jobs`. Anything else is parsed whole, as is a file whose pieces
 * do not have the expected shape.
 *
 * With a syntax error a single-document file has no tree, only its first error: the pieces before
 * the first broken one read as in the file, so the error is in the rest, which is parsed from
 * that job on as one piece (about half the file on average, not all of it).
 *
 * Kept per path: the pieces of the file's last scan only, for the recently scanned files up to a
 * total size (as `YamlDocumentReuse`).
 */
import type { MapEntry, MapNode, SourceNode } from './sourceTree';
import { detached } from '../text/detachedText';
import { firstSyntaxError, parseYamlDocuments, parseYamlSource, type YamlParseResult } from './yamlSource';
import { moved } from './yamlDocumentReuse';

/** Smaller files parse in a few milliseconds: not worth a copy of their text. */
export const REUSE_FROM = 32 * 1024;
/** Text kept, all files together (each with the trees of its last scan). A larger file is parsed whole. */
const KEPT_CHARS = 2 * 1024 * 1024;
/**
 * A job read on its own lies one mapping (`jobs`) less deep than in the file: its depth limit is
 * lowered by two, so whatever passes it on its own passes in the file too; a piece that fails the
 * limit makes the file be parsed whole, which applies the exact limit.
 */
const JOB_DEPTH_ABOVE = 2;

interface Kept {
  text: string;
  /** The piece's documents at offset 0, or undefined when it does not parse on its own. */
  trees: SourceNode[] | undefined;
}

interface KeptFile {
  pieces: Map<string, Kept>;
  at: Map<number, Kept>;
  chars: number;
}

export class WorkflowJobReuse {
  /** Path → its last scan's pieces; most recently scanned path last. */
  private readonly files = new Map<string, KeptFile>();
  private keptChars = 0;
  private readonly from: number;
  /** Pieces parsed so far (for tests: how much was reused). */
  parsedPieces = 0;

  /** `from`: the smallest text worth reusing (tests set 0). */
  constructor(options: { from?: number } = {}) {
    this.from = options.from ?? REUSE_FROM;
  }

  /** `parseYamlSource(text)`, reusing the jobs unchanged since the last parse of `path`. */
  parse(path: string, text: string): YamlParseResult {
    if (text.length < this.from || text.length > KEPT_CHARS) return parseYamlSource(text);
    const layout = jobsLayout(text);
    if (!layout) return parseYamlSource(text);
    const last = this.files.get(path);
    this.files.delete(path);
    this.keptChars -= last?.chars ?? 0;
    const next: KeptFile = { pieces: new Map(), at: new Map(), chars: text.length };
    this.files.set(path, next);
    this.keptChars += text.length;
    for (const [oldest, kept] of this.files) {
      if (this.keptChars <= KEPT_CHARS) break;
      this.files.delete(oldest);
      this.keptChars -= kept.chars;
    }

    // After one edit a piece is most likely where it was, or moved by the edit's length: comparing
    // it there costs less than hashing its text for the lookup by text.
    const shift = last ? text.length - last.chars : 0;
    const sameAs = (kept: Kept | undefined, start: number, end: number): kept is Kept =>
      kept !== undefined && kept.text.length === end - start && text.startsWith(kept.text, start);
    const pieceAt = (start: number, end: number, depthAbove: number): Kept => {
      let kept = last?.at.get(start);
      if (!sameAs(kept, start, end)) kept = last?.at.get(start - shift);
      if (!sameAs(kept, start, end)) {
        const piece = text.slice(start, end);
        kept = next.pieces.get(piece) ?? last?.pieces.get(piece);
        if (!kept) {
          kept = { text: detached(piece), trees: parsedOrUndefined(piece, depthAbove) };
          this.parsedPieces++;
        }
      }
      next.pieces.set(kept.text, kept);
      next.at.set(start, kept);
      return kept;
    };

    const { starts, indent, jobsKey } = layout;
    const header = pieceAt(0, starts[0], 0).trees;
    const root = header?.length === 1 ? header[0] : undefined;
    const jobsEntry = root?.type === 'map' ? root.entries[root.entries.length - 1] : undefined;
    if (!root || root.type !== 'map' || !isEmptyJobsEntry(jobsEntry, jobsKey)) return parseYamlSource(text);

    const entries: MapEntry[] = [];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const trees = pieceAt(start, starts[i + 1] ?? text.length, JOB_DEPTH_ABOVE).trees;
      if (!trees) {
        // The pieces before read as in the file: the file's first error is in the rest.
        const error = firstSyntaxError(text, start, JOB_DEPTH_ABOVE);
        return error && !/maxDepth/.test(error.message) ? { documents: [], error } : parseYamlSource(text);
      }
      const job = trees.length === 1 ? trees[0] : undefined;
      if (job?.type !== 'map' || job.entries.length !== 1 || job.entries[0].keyStart !== indent) return parseYamlSource(text);
      const entry = job.entries[0];
      entries.push({
        key: entry.key,
        keyStart: entry.keyStart + start,
        keyEnd: entry.keyEnd + start,
        value: moved(entry.value, start, true),
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
}

function parsedOrUndefined(piece: string, depthAbove: number): SourceNode[] | undefined {
  try {
    return parseYamlDocuments(piece, 0, depthAbove);
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

const JOBS_LINE = /jobs:[ \t]*(?:#[^\n]*)?\r?$/;
const JOB_KEY = /[A-Za-z_][\w-]*[ \t]*:(?=[ \t\r\n]|$)/y;

/**
 * Where the header ends and each job starts, the jobs' indentation and where the `jobs` key is;
 * undefined unless the file has the plain layout described above (then it is parsed whole).
 */
export function jobsLayout(text: string): { jobsKey: number; indent: number; starts: number[] } | undefined {
  if (/\r(?!\n)/.test(text) || /(?:^|\n)(?:%|---|\.\.\.)/.test(text)) return undefined;
  let jobsKey = -1;
  let indent = -1;
  const starts: number[] = [];
  for (let at = 0; at < text.length;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    if (jobsKey < 0) {
      if (text.startsWith('jobs:', at) && JOBS_LINE.test(text.slice(at, nl))) jobsKey = at;
    } else {
      let i = at;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      const blank = i >= nl || (c === 13 && i + 1 === nl) || c === 35; // empty, `\r`, or a comment
      if (!blank) {
        const n = i - at;
        if (c === 9 || n === 0) return undefined; // a tab, or more of the top-level mapping
        if (indent < 0) indent = n;
        if (n < indent) return undefined;
        if (n === indent) {
          JOB_KEY.lastIndex = i;
          if (!JOB_KEY.test(text)) return undefined;
          starts.push(at);
        }
      }
    }
    at = nl + 1;
  }
  return jobsKey >= 0 && starts.length >= 2 ? { jobsKey, indent, starts } : undefined;
}
