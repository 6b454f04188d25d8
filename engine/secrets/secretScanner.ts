import type { FileKind, Severity, SkipNote } from '../types';
import { RuleError, type RuleDefinition } from '../rules/ruleTypes';
import { unquotedValuesAreLiterals } from '../text/fileKind';
import { findAssignments, snakeName } from './assignments';
import { shannonEntropy } from './entropy';
import { joinedLiterals, jointsAfterEdit, jointsIn, mayHoldSplitToken, type JoinedLiteral } from './joinedLiterals';
import { genericRulesSkip, isGenericNonSecret, isLockfile, isPlaceholder } from './falsePositives';
import { isPublicByDesign } from './publicByDesign';
import { KeywordIndex, type KeywordIndexData } from './keywordIndex';
import { kubernetesSecretData, type EncodedSecretValue } from './kubernetesSecrets';
import { VALIDATORS } from './validators';
import { detached } from '../text/detachedText';
import { patternReach, type PatternReach } from '../rules/patternReach';
import { passesFrom, rematch, type RegexPass } from './longLineReuse';
import {
  endsOf,
  MEMO_MAX_LINE,
  newLineResults,
  resultsOf,
  type LineCandidate,
  type LineResults,
  type SecretLineMemo,
  type WindowSearch,
} from './lineMemo';
import { lineAssignments, snakeOf } from './longLineAssignments';
import type { Assignment } from './assignments';
import { pathGlobs } from '../rules/linearGlobs';
import { compileRulePattern, type PatternMatch, type RuleOrigin, type RulePattern } from '../rules/rulePattern';
import { PASS_TRIGGERS } from '../text/passTriggers';
import { LiteralPrefilter, requiredLiterals, type LiteralWindows, type Occurrences, type PatternReadings } from '../rules/requiredLiterals';

/**
 * A rule ready to run: patterns compiled once (V8 RegExps for built-in rules, the linear-time
 * engine for a workspace's own: engine/rules/rulePattern.ts), severity after config overrides.
 */
export interface CompiledRule {
  definition: RuleDefinition;
  severity: Severity;
  regex?: RulePattern;
  /**
   * Built-in regex rules: tells a line or window that lacks a string every match of `regex`
   * holds (engine/rules/requiredLiterals.ts), which the regex need not be run on. Worked out
   * when the rule first runs: reading 400 patterns was 30 ms of the CLI's start-up, and an audit
   * runs a fraction of the rules (the built-in patterns' readings come from the build).
   */
  literals(): LiteralPrefilter | undefined;
  assignment?: { name: RulePattern; exclude?: RulePattern; minLength: number; maxLength: number };
  allowValues: RulePattern[];
  skipsPath?: (path: string) => boolean;
  /** Set for rules limited to some files (`files`): whether the rule runs in this path. */
  runsIn?: (path: string) => boolean;
  /**
   * Built-in rules limited to some files: their `files` patterns, which a quick test of several
   * rules at once may be built from (`segmentPrefilter`; a workspace's globs get no backtracking RegExp).
   */
  quickFiles?: readonly string[];
  contextKeywords: number[];
  /** Built-in multiline regex rules: strings every match holds, lower-cased, that are keywords too (`windowLiterals`). */
  windowLiterals: string[];
  /** Their keyword ids: a file lacking one of them, as the keyword pass tells, gets no window of the rule at all. */
  requiredKeywords: number[];
}

/** A value that passed every check, before positions and suppressions are worked out. */
export interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  value: string;
  /** The name the value is assigned to, when the rule's pattern captures it as `(?<name>…)`. */
  keyName?: string;
  /** One-line rules: the start of the candidate's line (what a memo shifts by). */
  lineStart?: number;
}

/** The assignments of a line, and their names in snake_case (same order). */
interface ParsedLine {
  assignments: ReturnType<typeof findAssignments>;
  snakes: string[];
}

/** A scan of a whole file: its candidates, and which pass triggers (text/passTriggers.ts) the keyword pass saw. */
export interface FileSecretScan {
  candidates: Candidate[];
  /** False when the file lacks this lower-cased pass trigger in every letter case; true for any other string. */
  held(trigger: string): boolean;
}

/** Where each rule runs in one text, from the keyword pass. */
interface RuleWindows {
  /** Per context keyword and pass trigger (by its `contextSlot`): 1 when the text holds it. */
  present: Uint8Array;
  /** The rules that have line starts, in the order they got their first. */
  touched: number[];
  /** Rule `r`'s line starts: those of the lines its keywords are on, in text order; all, or those from `from` to `to`. */
  starts(r: number, from?: number, to?: number): ArrayLike<number>;
  /** Gives rule `r` these line starts (a rule without keywords that reads a whole file of its name). */
  setStarts(r: number, lines: number[]): void;
  /** Where the multiline rules' window literals occur (when the keyword pass noted them). */
  occurrences?: Occurrences;
}

/**
 * What an eager keyword pass writes (`SecretScanner.keywordWindows`): each (rule, line start) pair
 * once, in text order, in typed arrays kept by the scanner and reused from pass to pass. A list
 * per rule grown hit by hit was a fifth of what a scan allocated.
 */
class RuleLinePairs {
  rules = new Int32Array(1024);
  lines = new Int32Array(1024);
  count = 0;
  /** Per rule: its pairs in this pass (valid for the rules the pass touched). */
  readonly perRule: Int32Array;
  /** Per rule: where its line starts begin in `sorted` (once sorted). */
  readonly offsets: Int32Array;
  sorted = new Int32Array(1024);

  constructor(rules: number) {
    this.perRule = new Int32Array(rules);
    this.offsets = new Int32Array(rules);
  }

  add(r: number, lineStart: number): void {
    const n = this.count;
    if (n === this.rules.length) {
      const rules = new Int32Array(n * 2);
      rules.set(this.rules);
      this.rules = rules;
      const lines = new Int32Array(n * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.rules[n] = r;
    this.lines[n] = lineStart;
    this.count = n + 1;
    this.perRule[r]++;
  }

  /** Groups the pairs by rule (a counting sort: each rule's line starts stay in text order). */
  sort(touched: readonly number[]): void {
    const { perRule, offsets, count, rules, lines } = this;
    if (this.sorted.length < count) this.sorted = new Int32Array(Math.max(count, this.sorted.length * 2));
    let at = 0;
    for (const r of touched) {
      offsets[r] = at;
      at += perRule[r];
    }
    const sorted = this.sorted;
    for (let i = 0; i < count; i++) sorted[offsets[rules[i]]++] = lines[i];
    // Back to each rule's first place.
    for (const r of touched) offsets[r] -= perRule[r];
  }
}

/**
 * Rule windows worked out hit by hit: every rule's line starts at once. They are read from the
 * scanner's pair buffers, which the next eager keyword pass overwrites: the rules of one scan
 * read them before its scans of decoded values and joined literals start passes of their own.
 */
class EagerWindows implements RuleWindows {
  private sorted = false;
  private lists?: Map<number, number[]>;

  constructor(
    readonly present: Uint8Array,
    readonly touched: number[],
    private readonly pairs: RuleLinePairs,
    readonly occurrences: Occurrences,
  ) {}

  starts(r: number): ArrayLike<number> {
    const list = this.lists?.get(r);
    if (list) return list;
    const { pairs } = this;
    if (!this.sorted) {
      pairs.sort(this.touched);
      this.sorted = true;
    }
    // A rule no keyword gave lines has a count of 0 (the pass zeroes the counts the pass before set).
    return pairs.sorted.subarray(pairs.offsets[r], pairs.offsets[r] + pairs.perRule[r]);
  }

  setStarts(r: number, lines: number[]): void {
    if (!this.touched.includes(r)) this.touched.push(r);
    (this.lists ??= new Map()).set(r, lines);
    this.sorted = false;
  }
}

/**
 * Rule windows read from an open document's keyword hits (flat triples in text order, their line
 * starts never decreasing), a rule's line starts only when asked: after a keystroke most rules
 * take their findings outside the edited lines from the last scan and ask for those lines only,
 * so the thousands of hits elsewhere in a large file are not walked rule by rule.
 */
class HitWindows implements RuleWindows {
  readonly present: Uint8Array;
  readonly touched: number[] = [];
  private readonly lists: (number[] | undefined)[] = [];

  constructor(
    private readonly hits: Int32Array,
    private readonly rulesByKeyword: number[][],
    keywords: number,
    contextSlot: Int32Array,
    slotCount: number,
  ) {
    this.present = new Uint8Array(slotCount);
    const held = new Uint8Array(keywords);
    for (let i = 0; i < hits.length; i += 3) held[hits[i]] = 1;
    const seen = new Set<number>();
    for (let k = 0; k < keywords; k++) {
      if (!held[k]) continue;
      if (contextSlot[k] >= 0) this.present[contextSlot[k]] = 1;
      for (const r of rulesByKeyword[k]) {
        if (seen.has(r)) continue;
        seen.add(r);
        this.touched.push(r);
      }
    }
  }

  starts(r: number, from = 0, to = Infinity): ArrayLike<number> {
    const all = from <= 0 && to === Infinity;
    const known = this.lists[r];
    if (known) return known;
    const { hits, rulesByKeyword } = this;
    // The first hit on a line starting at `from` or later.
    let lo = 0;
    let hi = hits.length / 3;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid * 3 + 2] < from) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo * 3, last = -1; i < hits.length; i += 3) {
      const line = hits[i + 2];
      if (line > to) break;
      if (line !== last && rulesByKeyword[hits[i]].includes(r)) {
        found.push((last = line));
        // On to the line's last hit: a minified bundle's one line holds thousands, which every
        // rule walked one by one after its first (an eighth of that file's re-check).
        i = lastHitOfLine(hits, i, line);
      }
    }
    if (all) this.lists[r] = found;
    return found;
  }

  setStarts(r: number, lines: number[]): void {
    if (!this.lists[r] && !this.touched.includes(r)) this.touched.push(r);
    this.lists[r] = lines;
  }
}

/**
 * The index of the last of `hits` (flat triples, line starts never decreasing) on the line
 * starting at `line`, from `i`, one of them: in steps that double, then halving, so a line of
 * k hits costs log k and a line of one hit a single look.
 */
export function lastHitOfLine(hits: Int32Array, i: number, line: number): number {
  const count = hits.length / 3;
  let lo = i / 3;
  let step = 1;
  while (lo + step < count && hits[(lo + step) * 3 + 2] === line) {
    lo += step;
    step *= 2;
  }
  // The last one is in [lo, min(lo + step, count)).
  let hi = Math.min(lo + step, count);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (hits[mid * 3 + 2] === line) lo = mid;
    else hi = mid;
  }
  return lo * 3;
}

/** What the rules of one scan share: the text, the options and what they found so far. */
interface ScanState {
  text: string;
  maxLineLength: number;
  memo: SecretLineMemo | undefined;
  literalUnquoted: boolean;
  candidates: Candidate[];
  /** Starts of the lines too long to scan. */
  longLines?: Set<number>;
  /** Per line start, the one-line rules' results and the line's parse. */
  perScan?: Map<number, LineResults>;
}

/** What a one-line rule finds on most lines (never written to). */
const NO_CANDIDATES: readonly LineCandidate[] = Object.freeze([]);
const asIs = (s: string): string => s;

/**
 * Data and configuration formats, and HCL and Bicep: no syntax there joins two adjacent literals
 * into one string (HCL's block labels, `resource "aws_iam_role" "r0"`, are two strings side by
 * side, and a Terraform file holds hundreds), so the joined-literal pass would only cost time.
 */
const NO_LITERAL_JOINING = new Set<FileKind>(['terraform', 'bicep', 'json', 'yaml', 'toml', 'ini', 'properties', 'dotenv', 'xml']);

/** Multiline rules (PEM blocks) look this far past their keyword line... */
const MULTILINE_WINDOW = 16_384;
/** ...and no multiline match is longer than this (PEM bodies are capped at 12,000 characters). */
const MULTILINE_MAX_MATCH = 12_288;
/** Rules with `files` and no keywords read every line only of files up to this size (credential files are small). */
const WHOLE_FILE_MAX = 65_536;

/**
 * A quick test that gitignore-style `patterns` can match a path at all, or undefined when there
 * is none: a pattern matches a path or one of its folders, always ending on a whole segment, so
 * some segment of the path must match the pattern's last segment. Rules limited to file names
 * (`files`) without keywords ask this of every file; the full `ignore` match was 2–3 % of an
 * audit's CPU, and almost every path fails this test. Negated patterns, a last segment `**` or
 * one with a character class or an escape get no quick test.
 */
export function segmentPrefilter(patterns: readonly string[]): ((path: string) => boolean) | undefined {
  const alternatives: string[] = [];
  const lastSegments: string[] = [];
  for (const raw of patterns) {
    // Trailing spaces do not count in a pattern, leading ones do (as in .gitignore).
    const pattern = raw.trimEnd().replace(/\/+$/, '');
    if (!raw.trim() || pattern.startsWith('#')) continue;
    if (!pattern) return undefined;
    const last = pattern.slice(pattern.lastIndexOf('/') + 1);
    if (pattern.startsWith('!') || !last || last === '**' || /[[\\]/.test(last)) return undefined;
    lastSegments.push(last);
    alternatives.push(
      last
        .split('')
        .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|]/g, '\\$&')))
        .join(''),
    );
  }
  if (!alternatives.length) return undefined;
  // Case-insensitive, as `ignore()` matches by default.
  const segment = new RegExp(`(?:^|/)(?:${alternatives.join('|')})(?:/|$)`, 'i');
  // A matching segment holds each literal piece of its pattern (between `*` and `?`): one search
  // for the longest piece of every pattern turns away most paths at half the cost of the segment
  // regex, whose `(?:^|/)` is tried at every character. Only when every pattern has a piece of 3+.
  const pieces = lastSegments.map((last) => last.split(/[*?]/).reduce((a, b) => (b.length > a.length ? b : a), ''));
  if (pieces.some((piece) => piece.length < 3)) return (path) => segment.test(path);
  const anyPiece = new RegExp(pieces.map((piece) => piece.replace(/[.+^${}()|]/g, '\\$&')).join('|'), 'i');
  return (path) => anyPiece.test(path) && segment.test(path);
}

/** A path as the rules' `ignore` matchers take it: POSIX separators, no leading slash. */
function rulePath(p: string): string {
  // Engine paths are POSIX and relative already: two replaces per rule per file were a tenth of what a small file cost.
  if (p.charCodeAt(0) !== 47 && !p.includes('\\')) return p;
  return p.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** `readings`: built-in patterns read at build time for their prefilters (requiredLiterals.ts). */
export function compileRule(
  definition: RuleDefinition,
  severity: Severity,
  origin: RuleOrigin = 'builtin',
  readings?: PatternReadings,
): Omit<CompiledRule, 'contextKeywords' | 'requiredKeywords'> {
  const a = definition.assignment;
  // A config that skipped validation (an editor's in-memory config) still gets a rule error, not a crash.
  const compile = (pattern: string, flags: string, field: string) => {
    try {
      return compileRulePattern(pattern, flags, origin);
    } catch (error) {
      throw new RuleError([`rule "${definition.id}" ${field} ${error instanceof Error ? error.message : String(error)}`]);
    }
  };
  const paths = definition.allowlist?.paths;
  const pathFilter = paths?.length ? pathGlobs(paths, origin) : undefined;
  const only = definition.files?.length ? pathGlobs(definition.files, origin) : undefined;
  // The quick test is a backtracking RegExp built from the globs: for the tool's own rules only
  // (a workspace's globs are matched in linear time by LinearGlobs, which needs no prefilter).
  const mayRunIn = origin === 'builtin' && definition.files?.length ? segmentPrefilter(definition.files) : undefined;
  const flags = definition.caseInsensitive ? 'dgi' : 'dg';
  return {
    definition,
    severity,
    regex: definition.pattern !== undefined ? compile(definition.pattern, flags, 'pattern') : undefined,
    // For the tool's own rules (V8 RegExps); the linear-time engine has no backtracking to save.
    literals:
      origin === 'builtin' && definition.pattern !== undefined
        ? lazily(() => LiteralPrefilter.of(definition.pattern!, flags, [...ruleKeywords(definition)], readings?.get(definition.pattern!)))
        : () => undefined,
    // A workspace pattern is RE2 syntax, which requiredLiterals does not read.
    windowLiterals: origin === 'builtin' ? windowLiterals(definition, readings) : [],
    assignment: a && {
      name: compile(a.name, 'i', 'assignment.name'),
      exclude: a.nameExclude ? compile(a.nameExclude, 'i', 'assignment.nameExclude') : undefined,
      minLength: a.minLength ?? 8,
      maxLength: a.maxLength ?? 300,
    },
    allowValues: (definition.allowlist?.values ?? []).map((v) => compile(v, '', 'allowlist.values')),
    skipsPath:
      pathFilter && ((p: string) => p !== '' && !p.startsWith('..') && pathFilter.ignores(p.replace(/\\/g, '/').replace(/^\/+/, ''))),
    runsIn:
      only &&
      ((p: string) => {
        if (p === '' || p.startsWith('..')) return false;
        const posix = rulePath(p);
        return (!mayRunIn || mayRunIn(posix)) && only.ignores(posix);
      }),
    quickFiles: mayRunIn && definition.files,
  };
}

/** Runs every secret rule over a text with one keyword pass and bounded regex work. */
export class SecretScanner {
  private readonly index: KeywordIndex;
  /** keyword id → rules that list it as a keyword. */
  private readonly rulesByKeyword: number[][];
  /** Per rule, how far its regex reads around a match attempt (worked out when first needed). */
  private readonly reaches: PatternReach[] = [];
  /** Per rule, its place among the assignment rules (`assignmentSlot`). */
  private slots?: Int32Array;
  /**
   * Per keyword id: its place among the keywords some rule names as context and the pass
   * triggers (text/passTriggers.ts), or -1. A keyword pass notes only those (80 of 1,835
   * built-in keywords) in `present`: one entry per keyword, per file, was an off-heap allocation each time.
   */
  private readonly contextSlot: Int32Array;
  private readonly slotCount: number;
  /**
   * What the keyword pass of a text without a memo notes, zeroed at each such pass rather than
   * allocated (past 64 bytes V8 allocates a typed array off its heap). Read by the rules of that
   * scan only: the scans of decoded values and joined literals that follow start passes of their own.
   */
  private readonly present: Uint8Array;
  /** Pass trigger → its bit in a scan's `held` mask. */
  private readonly triggerBits = new Map<string, number>();
  /** The slot of each pass trigger, by bit. */
  private readonly triggerSlots: number[] = [];
  /**
   * Per rule, the start of the last line the keyword pass gave it (-1: none yet), kept from one
   * pass to the next rather than allocated per file: each pass first resets the entries of the
   * rules the one before touched (`lastTouched`), so it finds them all -1.
   */
  private readonly lastLine: Int32Array;
  private lastTouched: number[] = [];
  /**
   * Per keyword id: its place among the multiline rules' window literals (`requiredKeywords`), or
   * -1. The keyword pass notes where those occur (`literalEnds`, emptied at each pass), and the
   * rules' window prefilters read that instead of searching the text for them again: a
   * case-insensitive search of `default` or `value:` through a large file was most of what a
   * multiline rule cost where its keywords are common.
   */
  private readonly literalSlot: Int32Array;
  private readonly literalEnds: number[][] = [];
  /** The occurrences of a window literal (lower-cased) that the last eager keyword pass noted. */
  private readonly occurrences: Occurrences = (lowerCased) => {
    const k = this.index.idOf(lowerCased);
    const slot = k === undefined ? -1 : this.literalSlot[k];
    return slot >= 0 ? this.literalEnds[slot] : undefined;
  };
  /**
   * The rules limited to some files (`files`) that have no keywords, which read a whole small
   * file of their name: a handful of the 450 built-in rules, listed once rather than looked for
   * among all of them for every file.
   */
  private readonly wholeFileRules: number[];
  /** What each eager keyword pass gives the rules (`RuleLinePairs`), reused from pass to pass. */
  private readonly pairs: RuleLinePairs;
  /**
   * One quick test of a path for all of `wholeFileRules` (the `segmentPrefilter` of all their
   * patterns): almost no path passes it, and one test per file costs less than one per rule.
   * Undefined when some rule has no quick test (then each rule's `runsIn` alone decides).
   */
  private readonly wholeFileQuick?: (path: string) => boolean;

  constructor(
    readonly rules: CompiledRule[],
    index: KeywordIndex,
    rulesByKeyword: number[][],
  ) {
    this.index = index;
    this.rulesByKeyword = rulesByKeyword;
    this.contextSlot = new Int32Array(index.keywords.length).fill(-1);
    let count = 0;
    for (const rule of rules) for (const k of rule.contextKeywords) if (this.contextSlot[k] < 0) this.contextSlot[k] = count++;
    for (const rule of rules) for (const k of rule.requiredKeywords) if (this.contextSlot[k] < 0) this.contextSlot[k] = count++;
    // An index built without the triggers (data of an older build) leaves them untracked: held, always.
    for (const trigger of PASS_TRIGGERS) {
      const k = index.idOf(trigger);
      if (k === undefined || this.triggerSlots.length >= 31) continue;
      if (this.contextSlot[k] < 0) this.contextSlot[k] = count++;
      this.triggerBits.set(trigger, this.triggerSlots.length);
      this.triggerSlots.push(this.contextSlot[k]);
    }
    this.slotCount = count;
    this.present = new Uint8Array(count);
    this.lastLine = new Int32Array(rules.length).fill(-1);
    this.pairs = new RuleLinePairs(rules.length);
    this.literalSlot = new Int32Array(index.keywords.length).fill(-1);
    for (const rule of rules)
      for (const k of rule.requiredKeywords)
        if (this.literalSlot[k] < 0) {
          this.literalSlot[k] = this.literalEnds.length;
          this.literalEnds.push([]);
        }
    this.wholeFileRules = [];
    for (let r = 0; r < rules.length; r++) if (rules[r].runsIn && !rules[r].definition.keywords?.length) this.wholeFileRules.push(r);
    const quick = this.wholeFileRules.map((r) => rules[r].quickFiles);
    if (quick.length && quick.every((files) => files !== undefined)) this.wholeFileQuick = segmentPrefilter(quick.flat());
  }

  /**
   * The scanner of these rules. `prebuilt` (the built-in rules' automaton, which the build
   * writes) is used when it looks for every keyword these rules need: a keyword it has and no
   * rule here needs (a rule the config disables) only finds no rule to run.
   */
  static build(rules: Omit<CompiledRule, 'contextKeywords' | 'requiredKeywords'>[], prebuilt?: KeywordIndexData): SecretScanner {
    const keywords = secretKeywords(rules.map((r) => r.definition));
    let index: KeywordIndex | undefined;
    if (prebuilt) {
      const loaded = new KeywordIndex(prebuilt.keywords, prebuilt);
      if (keywords.every((k) => loaded.idOf(k) !== undefined)) index = loaded;
    }
    index ??= new KeywordIndex(keywords);
    const byKeyword: number[][] = index.keywords.map(() => []);
    const compiled = rules.map((rule, r) => {
      for (const k of ruleKeywords(rule.definition)) byKeyword[index.idOf(k)!].push(r);
      const contextKeywords = (rule.definition.context ?? []).map((k) => index.idOf(k.toLowerCase())!);
      const requiredKeywords = rule.windowLiterals.map((k) => index.idOf(k)!);
      return { ...rule, contextKeywords, requiredKeywords };
    });
    return new SecretScanner(compiled, index, byKeyword);
  }

  /** Every secret in the text; `decode` also looks inside base64 values of Kubernetes Secrets. */
  scan(
    text: string,
    path: string,
    kind: FileKind,
    maxLineLength: number,
    skipped: SkipNote[],
    decode = true,
    memo?: SecretLineMemo,
  ): Candidate[] {
    return this.scanText(text, path, kind, maxLineLength, skipped, decode, memo).candidates;
  }

  /**
   * Every secret in a file's text (base64 values of Kubernetes Secrets decoded), and which pass
   * triggers its keyword pass saw: the other whole-text passes of the file's scan ask that first.
   */
  scanFile(text: string, path: string, kind: FileKind, maxLineLength: number, skipped: SkipNote[], memo?: SecretLineMemo): FileSecretScan {
    return this.scanText(text, path, kind, maxLineLength, skipped, true, memo);
  }

  private scanText(
    text: string,
    path: string,
    kind: FileKind,
    maxLineLength: number,
    skipped: SkipNote[],
    decode: boolean,
    memo: SecretLineMemo | undefined,
  ): FileSecretScan {
    memo?.begin(this, kind, text);
    const windows = this.keywordWindows(text, memo);
    // A rule for a file format known by its name and without keywords (`.pgpass`, a Rails master.key)
    // looks at every line of a small file of that name.
    if (text.length <= WHOLE_FILE_MAX) this.addWholeFileWindows(text, path, windows);

    const state: ScanState = {
      text,
      maxLineLength,
      memo,
      literalUnquoted: unquotedValuesAreLiterals(kind),
      candidates: [],
      // Made when first needed: most files have no long line, and most small ones no line an assignment rule reads.
      longLines: undefined,
      perScan: undefined,
    };
    let genericSkipsFile: boolean | undefined;
    // Rules run in pack order: of two rules finding the same span, the first is reported (resolveOverlaps).
    for (const r of windows.touched.sort((a, b) => a - b)) {
      const rule = this.rules[r];
      if (rule.contextKeywords.length && !rule.contextKeywords.some((k) => windows.present[this.contextSlot[k]])) continue;
      if (rule.requiredKeywords.length && !rule.requiredKeywords.every((k) => windows.present[this.contextSlot[k]])) continue;
      if (rule.runsIn && !rule.runsIn(path)) continue;
      if (rule.skipsPath?.(path)) continue;
      if (rule.definition.generic && (genericSkipsFile ??= isLockfile(path) || genericRulesSkip(path))) continue;
      this.runRule(state, r, windows);
    }
    for (const lineStart of state.longLines ?? []) {
      skipped.push({ path, reason: `line longer than ${maxLineLength} characters not scanned`, line: lineNumberAt(text, lineStart) });
    }
    memo?.end();
    const candidates = state.candidates;
    // Public by design where they sit (a Firebase web config's apiKey, a Supabase anon key,
    // identifiers under secret-sounding names): not reported.
    for (let i = candidates.length - 1; i >= 0; i--) {
      const c = candidates[i];
      if (isPublicByDesign(text, c.start, c.value, c.keyName, c.rule.definition.generic === true, path)) candidates.splice(i, 1);
    }
    // Read before the scans below, whose keyword passes reuse `present`.
    let mask = 0;
    for (let t = 0; t < this.triggerSlots.length; t++) if (windows.present[this.triggerSlots[t]]) mask |= 1 << t;
    const bits = this.triggerBits;
    const held = (trigger: string) => {
      const bit = bits.get(trigger);
      return bit === undefined || (mask & (1 << bit)) !== 0;
    };
    if (decode && held('secret') && (held('kind:') || held('"kind"')))
      for (const encoded of kubernetesSecretData(text)) candidates.push(...this.scanDecoded(encoded, path, maxLineLength));
    if (decode && !NO_LITERAL_JOINING.has(kind))
      for (const chain of joinedLiterals(text, memo ? jointsOfOpenDocument(text, memo) : undefined))
        if (mayHoldSplitToken(chain)) candidates.push(...this.scanJoined(chain, text, path, kind, maxLineLength));
    return { candidates: resolveOverlaps(candidates), held };
  }

  /**
   * The keyword pass: which keywords the text holds, and for each rule the lines its keywords are
   * on. With a memo, the automaton reads only the lines edited since the last scan (its hits
   * cannot span lines unless a keyword holds a line feed).
   */
  private keywordWindows(text: string, memo: SecretLineMemo | undefined): RuleWindows {
    const { rulesByKeyword, contextSlot, lastLine } = this;
    if (memo && !this.index.crossesLines) {
      const hits = memo.keywordHitList(
        (from, to, lineStart, hit) => this.index.scan(text, hit, from, to, lineStart),
        (keyword) => this.index.keywords[keyword].length,
        this.index.longest,
      );
      return new HitWindows(hits, rulesByKeyword, this.index.keywords.length, contextSlot, this.slotCount);
    }
    const present = this.present.fill(0);
    const pairs = this.pairs;
    pairs.count = 0;
    const { literalSlot, literalEnds } = this;
    // Only the lists the last pass filled: setting an array's length is a runtime call, and
    // doing it for every list of every file was a sixth of what a small file's scan cost.
    for (let l = 0; l < literalEnds.length; l++) if (literalEnds[l].length !== 0) literalEnds[l].length = 0;
    // The rules the last pass gave lines to are reset here rather than at its end (a try/finally
    // there made the pass slower by a tenth): a pass that threw leaves nothing behind either.
    for (const r of this.lastTouched) {
      lastLine[r] = -1;
      pairs.perRule[r] = 0;
    }
    const touched: number[] = [];
    this.lastTouched = touched;
    const onHit = (keyword: number, offset: number, lineStart: number) => {
      const slot = contextSlot[keyword];
      if (slot >= 0) present[slot] = 1;
      const literal = literalSlot[keyword];
      if (literal >= 0) literalEnds[literal].push(offset);
      const ruleIds = rulesByKeyword[keyword];
      for (let k = 0; k < ruleIds.length; k++) {
        const r = ruleIds[k];
        const last = lastLine[r];
        if (last !== lineStart) {
          if (last === -1) touched.push(r);
          pairs.add(r, lineStart);
          lastLine[r] = lineStart;
        }
      }
    };
    this.index.scan(text, onHit);
    return new EagerWindows(present, touched, pairs, this.occurrences);
  }

  /** Every line of the text for the rules without keywords that run on this file's name. */
  private addWholeFileWindows(text: string, path: string, windows: RuleWindows): void {
    if (this.wholeFileQuick && !this.wholeFileQuick(rulePath(path))) return;
    let lines: number[] | undefined;
    for (const r of this.wholeFileRules) if (this.rules[r].runsIn!(path)) windows.setStarts(r, (lines ??= lineStartsOf(text)));
  }

  /**
   * One rule over the lines its keywords are on. A one-line rule that ran at the last scan of a
   * memo finds there what it found then outside the edited lines (shifted after them), and runs
   * on the edited lines only.
   */
  private runRule(state: ScanState, r: number, windows: RuleWindows): void {
    const { text, memo, candidates } = state;
    const rule = this.rules[r];
    const multiline = !!rule.definition.multiline;
    let coveredUntil = -1;
    // A multiline rule's windows overlap: its required strings are looked for along the text once.
    const literals = multiline && rule.regex ? rule.literals()?.windows(text, windows.occurrences) : undefined;
    const firstOfRule = candidates.length;
    const kept = memo && !multiline ? memo.ruleFound<Candidate>(r) : undefined;
    const edit = kept && memo!.edited!;
    // A rule taking its findings elsewhere from the last scan looks at the edited lines only.
    const starts = edit ? windows.starts(r, edit.from, edit.to) : windows.starts(r);
    let w = 0;
    if (kept && edit) {
      for (const c of kept) if (c.lineStart! < edit.from) candidates.push(c);
      while (w < starts.length && starts[w] < edit.from) w++;
    }
    for (; w < starts.length; w++) {
      const lineStart = starts[w];
      if (edit && lineStart > edit.to) break;
      if (lineStart < coveredUntil) continue;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      if (lineEnd - lineStart > MEMO_MAX_LINE) memo?.metLongLine();
      if (lineEnd - lineStart > state.maxLineLength) {
        (state.longLines ??= new Set()).add(lineStart);
        continue;
      }
      if (multiline) coveredUntil = this.matchWindow(state, r, rule, lineStart, lineEnd, coveredUntil, literals);
      else this.matchOneLine(state, r, rule, lineStart, lineEnd);
    }
    if (kept && edit) {
      const { delta } = edit;
      const oldTo = edit.to - delta;
      for (const c of kept)
        if (c.lineStart! > oldTo) candidates.push({ ...c, start: c.start + delta, end: c.end + delta, lineStart: c.lineStart! + delta });
    }
    if (memo && !multiline) memo.keepRuleFound(r, candidates.slice(firstOfRule));
  }

  /** A one-line rule on one line: the line's text decides what it finds (memoised across scans when asked). */
  private matchOneLine(state: ScanState, r: number, rule: CompiledRule, lineStart: number, lineEnd: number): void {
    const { text, memo, candidates } = state;
    if (memo !== undefined && (rule.regex || rule.assignment) && lineEnd - lineStart > MEMO_MAX_LINE) {
      const line = () => text.slice(lineStart, lineEnd);
      const found = rule.regex
        ? this.matchLongLine(memo, r, rule, lineStart, line)
        : this.longLineAssignmentMatches(memo, r, rule, lineStart, line, state.literalUnquoted);
      for (const c of found)
        candidates.push({ rule, start: lineStart + c.start, end: lineStart + c.end, value: c.value, keyName: c.keyName, lineStart });
      return;
    }
    if (memo === undefined) {
      // A fresh scan asks each rule about each of its lines once: nothing to keep per line but the
      // parse the assignment rules share (per line start). Keeping every rule's result per line,
      // as a memo does, was the largest part of what a scan allocated.
      let parsedBy: LineResults | undefined;
      if (!rule.regex && rule.assignment) {
        const perScan = (state.perScan ??= new Map());
        parsedBy = perScan.get(lineStart);
        if (!parsedBy) perScan.set(lineStart, (parsedBy = newLineResults()));
      }
      const found = this.matchLine(rule, text.slice(lineStart, lineEnd), parsedBy, state.literalUnquoted, false);
      // By index: a `for…of` over the shared empty list and fresh ones alike made an iterator each time.
      for (let i = 0; i < found.length; i++) {
        const c = found[i];
        candidates.push({ rule, start: lineStart + c.start, end: lineStart + c.end, value: c.value, keyName: c.keyName, lineStart });
      }
      return;
    }
    // One parse of each line (assignments, names in snake_case) is shared by the rules that look
    // at it: per line start for this scan, or by line text in the caller's memo, across scans.
    const keep = lineEnd - lineStart <= MEMO_MAX_LINE;
    const perScan = (state.perScan ??= new Map());
    let line = perScan.get(lineStart);
    if (!line) {
      perScan.set(lineStart, (line = keep ? memo.lineAt(lineStart) : newLineResults()));
      line.cursor = 0;
    }
    const results = line;
    const found = resultsOf(results, r, () => this.matchLine(rule, text.slice(lineStart, lineEnd), results, state.literalUnquoted, keep));
    for (const c of found)
      candidates.push({ rule, start: lineStart + c.start, end: lineStart + c.end, value: c.value, keyName: c.keyName, lineStart });
  }

  /**
   * A multiline rule on the window after one of its keyword lines; returns how far the text is
   * covered from there on (later keyword lines before that need no window of their own).
   */
  private matchWindow(
    state: ScanState,
    r: number,
    rule: CompiledRule,
    lineStart: number,
    lineEnd: number,
    coveredUntil: number,
    literals: LiteralWindows | undefined,
  ): number {
    const { text, memo, candidates } = state;
    const end = Math.min(text.length, lineStart + MULTILINE_WINDOW);
    if (rule.regex) {
      // An open document's window that lies wholly before or after the edit is the last scan's
      // text: its search found what it found then.
      const search = () => this.searchWindow(rule, text, lineStart, end, lineEnd, memo !== undefined, literals);
      const { found, searchedToEnd } = memo ? memo.window(r, lineStart, end, search) : search();
      for (const c of found) {
        candidates.push({ rule, start: lineStart + c.start, end: lineStart + c.end, value: c.value, keyName: c.keyName });
        coveredUntil = lineStart + c.end;
      }
      // A search that found nothing has ruled out every match starting early enough to fit in
      // this window: later keyword lines there need no window of their own (bounds the work).
      if (searchedToEnd && end === lineStart + MULTILINE_WINDOW) coveredUntil = Math.max(coveredUntil, end - MULTILINE_MAX_MATCH);
    } else if (rule.assignment) {
      const window = text.slice(lineStart, end);
      const assignments = findAssignments(window);
      const line = { assignments, snakes: assignments.map((found) => snakeName(found.name)) };
      for (const c of this.assignmentMatches(rule, line, state.literalUnquoted, false))
        candidates.push({ rule, start: lineStart + c.start, end: lineStart + c.end, value: c.value, keyName: c.keyName });
    }
    return coveredUntil;
  }

  /**
   * A multiline regex rule's search of the window at [lineStart, end) of a keyword line ending at
   * `lineEnd`: what it accepts, relative to the window, and whether it searched to the window's end
   * (a match starting past the keyword line ends it: later keyword lines get their own window).
   * `keep`: the result outlives this scan (a memo's), so its strings are copied off the text.
   */
  private searchWindow(
    rule: CompiledRule,
    text: string,
    lineStart: number,
    end: number,
    lineEnd: number,
    keep: boolean,
    literals: LiteralWindows | undefined,
  ): WindowSearch {
    const found: LineCandidate[] = [];
    // Without a string every match holds, the search would find nothing to the window's end.
    if (literals && !literals.mayMatch(lineStart, end)) return { found, searchedToEnd: true };
    const window = text.slice(lineStart, end);
    const copy = keep ? detached : (s: string) => s;
    const re = rule.regex!;
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      if (m[0].length === 0) re.lastIndex++;
      const span = m.indices?.groups?.secret;
      if (span && span[1] > span[0]) {
        const value = window.slice(span[0], span[1]);
        if (this.accepts(rule, value, m[0])) {
          const name = m.groups?.name;
          found.push({ start: span[0], end: span[1], value: copy(value), keyName: name === undefined ? undefined : copy(name) });
        }
      }
      if (m.index > lineEnd - lineStart) return { found, searchedToEnd: false };
    }
    return { found, searchedToEnd: true };
  }

  /**
   * What a one-line rule finds on one line, relative to the line's start. `keep`: the result
   * goes into a memo that outlives this scan, so its strings are copied off the document's text.
   */
  private matchLine(
    rule: CompiledRule,
    line: string,
    results: LineResults | undefined,
    literalUnquoted: boolean,
    keep: boolean,
  ): readonly LineCandidate[] {
    // Most (rule, line) pairs find nothing: they share one empty list, and no closure is made per call.
    const copy = keep ? detached : asIs;
    if (rule.regex) {
      const literals = rule.literals();
      if (literals && !literals.mayMatch(line)) return NO_CANDIDATES;
      let found: LineCandidate[] | undefined;
      const re = rule.regex;
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        if (m[0].length === 0) re.lastIndex++;
        const candidate = this.regexCandidate(rule, line, m, copy);
        if (candidate) (found ??= []).push(candidate);
      }
      return found ?? NO_CANDIDATES;
    }
    const found: LineCandidate[] = [];
    if (rule.assignment) {
      let parsed = results?.parsed;
      if (!parsed) {
        const assignments = findAssignments(line);
        parsed = { assignments, snakes: assignments.map((a) => snakeName(a.name)) };
        if (keep) parsed = JSON.parse(JSON.stringify(parsed)) as ParsedLine; // kept: a copy, off the document
        if (results) results.parsed = parsed;
      }
      found.push(...this.assignmentMatches(rule, parsed, literalUnquoted, keep));
    }
    return found;
  }

  /** The candidate a one-line regex rule's match yields, if its value passes the rule's checks. */
  private regexCandidate(rule: CompiledRule, line: string, m: PatternMatch, copy: (s: string) => string): LineCandidate | undefined {
    const span = m.indices?.groups?.secret;
    if (!span || span[1] <= span[0]) return undefined;
    const value = line.slice(span[0], span[1]);
    if (!this.accepts(rule, value, m[0])) return undefined;
    const name = m.groups?.name;
    return { start: span[0], end: span[1], value: copy(value), keyName: name === undefined ? undefined : copy(name) };
  }

  /**
   * A one-line regex rule over a line too long for the line memo, in an open document: re-matched
   * around the last edit only (longLineReuse.ts), finding what a fresh match of the line finds.
   */
  private matchLongLine(memo: SecretLineMemo, r: number, rule: CompiledRule, lineStart: number, line: () => string): LineCandidate[] {
    const re = rule.regex!;
    const entry = memo.longLine(lineStart, line);
    const { now, before } = entry;
    const yields = (m: PatternMatch) => this.regexCandidate(rule, now.text, m, detached);
    const old = before?.passes.get(r);
    const reach = (this.reaches[r] ??= patternReach(re.source));
    let passes: RegexPass[];
    if (before && old && reach.ahead !== Infinity && reach.behind !== Infinity) {
      passes = rematch(re, reach, { text: before.text, passes: old }, now.text, yields, endsOf(entry));
    } else passesFrom(re, now.text, 0, yields, (passes = []));
    now.passes.set(r, passes);
    const found: LineCandidate[] = [];
    for (const pass of passes) if (pass.found) found.push(pass.found);
    return found;
  }

  /**
   * An assignment rule over a line too long for the line memo, in an open document: the line's
   * assignments are found around the last edit only (longLineAssignments.ts), and each one's
   * verdict by this rule is kept with it. Finds what `assignmentMatches` finds on the fresh parse.
   */
  private longLineAssignmentMatches(
    memo: SecretLineMemo,
    r: number,
    rule: CompiledRule,
    lineStart: number,
    line: () => string,
    literalUnquoted: boolean,
  ): LineCandidate[] {
    const entry = memo.longLine(lineStart, line);
    const { now, before } = entry;
    const parsed = (now.assignments ??= lineAssignments(now.text, before?.assignments, endsOf(entry)));
    const { hits, shifts } = parsed;
    const found: LineCandidate[] = [];
    let publicKeyOnLine: boolean | undefined;
    const slot = this.assignmentSlot(r);
    const bit = slot >= 0 ? 1 << slot : 0;
    for (let n = 0; n < hits.length; n++) {
      const hit = hits[n];
      const snake = snakeOf(hit);
      // Each kept assignment's verdict by this rule is worked out once (two bits per rule, for the first 30).
      let accepted: boolean;
      if (slot >= 0 && hit.known & bit) accepted = (hit.accepted & bit) !== 0;
      else {
        accepted = this.assignmentAccepted(rule, hit.assignment!, snake, literalUnquoted);
        if (slot >= 0) {
          hit.known |= bit;
          if (accepted) hit.accepted |= bit;
        }
      }
      if (!accepted) continue;
      if (rule.definition.generic && snake === 'token' && (publicKeyOnLine ??= hits.some((h) => snakeOf(h) === 'public_key'))) continue;
      const a = hit.assignment!;
      const shift = shifts[n];
      found.push({ start: a.valueStart + shift, end: a.valueEnd + shift, value: a.value, keyName: a.name.replace(/^[$@]/, '') });
    }
    return found;
  }

  /** Rule `r`'s place among the assignment rules, for the verdict bits of kept assignments (-1 past 30). */
  private assignmentSlot(r: number): number {
    if (!this.slots) {
      this.slots = new Int32Array(this.rules.length).fill(-1);
      let next = 0;
      for (let i = 0; i < this.rules.length && next < 30; i++) if (this.rules[i].assignment) this.slots[i] = next++;
    }
    return this.slots[r];
  }

  /**
   * Whether an assignment rule takes an assignment's value, by its name (`snake`: in snake_case),
   * quote and value; all but the look for a public key beside a `token` (which depends on the line).
   */
  private assignmentAccepted(rule: CompiledRule, assignment: Assignment, snake: string, literalUnquoted: boolean): boolean {
    const a = rule.assignment!;
    // Names are matched in snake_case (`dbPassword` → `db_password`), and as written when
    // that spelling differs by more than case (a workspace rule may expect `apiKey`).
    const raw = assignment.name.toLowerCase() === snake ? undefined : assignment.name;
    if (!(a.name.test(snake) || (raw !== undefined && a.name.test(raw)))) return false;
    if (a.exclude && (a.exclude.test(snake) || (raw !== undefined && a.exclude.test(raw)))) return false;
    if (rule.definition.generic && memberOfNamedObject(assignment.name, a.name)) return false;
    if (!assignment.quote && !literalUnquoted) return false;
    const value = assignment.value;
    if (value.length < a.minLength || value.length > a.maxLength) return false;
    return this.accepts(rule, value, value);
  }

  /** The assignments of a line (or multiline window) that an assignment rule accepts, relative to its start. */
  private assignmentMatches(rule: CompiledRule, line: ParsedLine, literalUnquoted: boolean, keep: boolean): LineCandidate[] {
    const found: LineCandidate[] = [];
    // Asked once per call, not per `token` (a minified line holds thousands of both).
    let publicKeyOnLine: boolean | undefined;
    for (let n = 0; n < line.assignments.length; n++) {
      const assignment = line.assignments[n];
      const snake = line.snakes[n];
      if (!this.assignmentAccepted(rule, assignment, snake, literalUnquoted)) continue;
      // A .NET strong-name map (`<map Token="b77a…" PublicKey="0024…"/>`): a token beside a public
      // key on the same element is that key's public key token, a hash of a public value.
      if (rule.definition.generic && snake === 'token' && (publicKeyOnLine ??= line.snakes.includes('public_key'))) continue;
      const value = assignment.value;
      const keyName = assignment.name.replace(/^[$@]/, '');
      found.push({
        start: assignment.valueStart,
        end: assignment.valueEnd,
        value: keep ? detached(value) : value,
        keyName: keep ? detached(keyName) : keyName,
      });
    }
    return found;
  }

  /**
   * Scans what a base64 Secret value holds, written as `key: "value"` (or the key over a
   * multi-line value) so name-based rules see the key; a finding covers the whole base64 value.
   */
  private scanDecoded(encoded: EncodedSecretValue, path: string, maxLineLength: number): Candidate[] {
    const { key, decoded } = encoded;
    const oneLine = !/["\r\n]/.test(decoded);
    const prefix = oneLine ? `${key}: "` : `${key}:\n`;
    const inner = this.scan(`${prefix}${decoded}${oneLine ? '"' : ''}\n`, path, 'yaml', maxLineLength, [], false);
    return inner
      .filter((c) => c.start >= prefix.length && c.start < prefix.length + decoded.length)
      .map((c) => ({ ...c, start: encoded.start, end: encoded.end, keyName: c.keyName ?? key }));
  }

  /**
   * Scans a chain of adjacent string literals as the one string the code joins them into, with
   * the text before the first literal on its line (the name it is assigned to). Only provider
   * rules, and only a secret that crosses a joint: one inside a single literal is found already,
   * and name-based rules would read joined prose and SQL as values. The finding covers the chain.
   */
  private scanJoined(chain: JoinedLiteral, text: string, path: string, kind: FileKind, maxLineLength: number): Candidate[] {
    const lineStart = text.lastIndexOf('\n', chain.start - 1) + 1;
    const prefix = `${text.slice(lineStart, chain.start + 1)}`;
    const inner = this.scan(`${prefix}${chain.joined}${text[chain.start]}\n`, path, kind, maxLineLength, [], false);
    const crosses = (c: Candidate) => chain.boundaries.some((b) => c.start - prefix.length < b && b < c.end - prefix.length);
    return inner
      .filter((c) => !c.rule.definition.generic && c.start >= prefix.length && c.end <= prefix.length + chain.joined.length && crosses(c))
      .map((c) => ({ ...c, start: chain.start + 1, end: chain.end - 1 }));
  }

  private accepts(rule: CompiledRule, value: string, match: string): boolean {
    const def = rule.definition;
    if (def.entropy !== undefined && shannonEntropy(value) < def.entropy) return false;
    if (def.validate && !VALIDATORS[def.validate](value, match)) return false;
    // Multiline rules capture blocks (PEM bodies hold runs such as AAAAAA, XML keys hold tags):
    // only a short one-line value they capture is checked for placeholders.
    if ((!def.multiline || (value.length < 100 && !value.includes('\n'))) && isPlaceholder(value)) return false;
    if (rule.allowValues.some((re) => re.test(value))) return false;
    if (def.generic && isGenericNonSecret(value)) return false;
    return true;
  }
}

/**
 * A keyword that is a snake_case name (`atlas_private_key`) also matches the other spellings of
 * that name: `atlasPrivateKey` (the index lower-cases text), `atlas-private-key`, `atlas.private.key`.
 * Prefix keywords (`sk_live_`, `dop_v1_`) end with a separator and are kept as they are.
 */
/** The keywords a rule runs on, in each spelling (see nameSpellings). */
function ruleKeywords(definition: RuleDefinition): Set<string> {
  return new Set((definition.keywords ?? []).flatMap(nameSpellings));
}

/**
 * Every keyword the secret scanner of these rules looks for (rule keywords and context words),
 * in a fixed order: the automaton of the built-in rules is built from this at build time.
 */
export function secretKeywords(definitions: RuleDefinition[]): string[] {
  const keywords = new Set<string>();
  for (const d of definitions) {
    for (const k of ruleKeywords(d)) keywords.add(k);
    for (const k of d.context ?? []) keywords.add(k.toLowerCase());
  }
  // Not for any rule: the keyword pass notes them for the scan's other whole-text passes...
  for (const k of PASS_TRIGGERS) keywords.add(k);
  // ...and for the multiline rules, which need them all.
  for (const d of definitions) for (const k of windowLiterals(d)) keywords.add(k);
  return [...keywords];
}

/** Characters a window literal may hold: those of the built-in keywords (another one would widen every row of the automaton). */
const WINDOW_LITERAL = /^[a-z0-9 "$'()+\-./:<=>@[\]_{~]{4,}$/;

/**
 * Strings every match of a multiline regex rule holds (lower-cased: what the keyword pass looks
 * for), four characters or more: its windows are 16 KiB each, and most files that hold its
 * keywords lack one of these (`value:` for the Kubernetes env rule, `default` for variable defaults).
 */
export function windowLiterals(definition: RuleDefinition, readings?: PatternReadings): string[] {
  if (!definition.multiline || definition.pattern === undefined) return [];
  let known = windowLiteralsOf.get(definition);
  if (!known) {
    // The build reads every built-in pattern (readings): reading one again took 5 ms of each
    // thread's first scan. Readings depend on the flags only through `u` and `v` (never set here).
    const read = readings?.get(definition.pattern)?.literals ?? requiredLiterals(definition.pattern, definition.caseInsensitive ? 'i' : '');
    const literals = read.map((l) => l.toLowerCase());
    windowLiteralsOf.set(definition, (known = [...new Set(literals.filter((l) => WINDOW_LITERAL.test(l)))]));
  }
  return known;
}

/** Asked at start-up by both the keyword list and the rule's compilation: read once. */
const windowLiteralsOf = new WeakMap<RuleDefinition, string[]>();

/** `make()`'s value, made on the first call. */
function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function nameSpellings(keyword: string): string[] {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(keyword)) return [keyword];
  return [keyword, keyword.replace(/_/g, ''), keyword.replace(/_/g, '-'), keyword.replace(/_/g, '.')];
}

/** Members that hold the value of whatever object they belong to (`api.key`, `token.value`). */
const VALUE_MEMBER = /^(?:key|value|val|data|string|str|text|raw|plain|plaintext)$/;

/**
 * A dotted name whose secret-sounding word names the object, not the member assigned:
 * `token.content`, `token.level` (a lexer token), `Token.Comment` (a Pygments token type).
 * The member decides: `config.api_token`, `this.pass` and `token.value` stay secrets.
 */
function memberOfNamedObject(name: string, secretName: RulePattern): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1) return false;
  const member = snakeName(name.slice(dot + 1));
  return !secretName.test(member) && !VALUE_MEMBER.test(member);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineNumberAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * One value, one finding: a specific rule wins over a generic one on an overlapping value,
 * and the same span found by two rules is reported once (the first rule in pack order).
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  if (candidates.length === 0) return candidates; // most files: no sort, no set
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const specific = candidates.filter((c) => !c.rule.definition.generic);
  const kept: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.rule.definition.generic && specific.some((s) => s.start < c.end && c.start < s.end)) continue;
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  return kept;
}

/** An open document's string literal joints: the last scan's, and the lines around the edit read again. */
function jointsOfOpenDocument(text: string, memo: SecretLineMemo): number[] {
  return memo.joinsOf((previous, edit) => (previous && edit ? jointsAfterEdit(text, previous, edit) : jointsIn(text)));
}
