import { hasUnboundedQuantifier } from '../../engine/rules/patternSafety';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedRule } from '../../engine';

/**
 * ReDoS verdicts for the regexes of the built-in rules, kept in the repository so the test suite
 * reads them instead of running the analyser (minutes, and slower still on a busy machine).
 * `npm run rules:safety` analyses the patterns that have no verdict yet and rewrites the file.
 */
export const VERDICTS_FILE = path.resolve(__dirname, '../../../rules/pattern-safety.json');
export const VERDICTS_FORMAT = 'nhi-lens-pattern-safety/1';

/** One regex the secret scanner runs over text taken from a scanned file. */
export interface ScannedPattern {
  ruleId: string;
  /** Where the rule holds it: `pattern`, `assignment.name`, `assignment.nameExclude`, `allowlist.values[i]`. */
  field: string;
  pattern: string;
  /** The flags that change what the regex matches (the scanner's `d` and `g` do not). */
  flags: string;
  key: string;
}

/** What recheck said about one pattern. Unfinished analyses are never recorded. */
export interface Verdict {
  /** The first rule (pack order) with this pattern and field; informative, the key is what counts. */
  ruleId: string;
  field: string;
  status: 'safe' | 'vulnerable';
  /** recheck's complexity type: constant, linear or safe when safe; polynomial or exponential when not. */
  complexity: string;
  /** recheck's own wording, e.g. "linear" or "2nd degree polynomial". */
  summary: string;
  checker: 'automaton' | 'fuzz';
  analysedWith: string;
}

export interface VerdictsFile {
  format: typeof VERDICTS_FORMAT;
  verdicts: Record<string, Verdict>;
}

/** The verdict key: sha256 of the pattern and its flags, so any change to either needs a new verdict. */
export function verdictKey(pattern: string, flags: string): string {
  return createHash('sha256').update(`${pattern}\0${flags}`).digest('hex');
}

/**
 * Every regex of the rules that runs over file content (see engine/secrets/secretScanner.ts):
 * the pattern over each keyword line or window, `assignment.name`/`nameExclude` over the names
 * of assignments (up to 101 characters), `allowlist.values` over candidate values.
 */
export function scannedPatterns(rules: LoadedRule[]): ScannedPattern[] {
  const out: ScannedPattern[] = [];
  const add = (ruleId: string, field: string, pattern: string, flags: string) =>
    out.push({ ruleId, field, pattern, flags, key: verdictKey(pattern, flags) });
  for (const { definition: rule } of rules) {
    if (rule.pattern !== undefined) add(rule.id, 'pattern', rule.pattern, rule.caseInsensitive ? 'i' : '');
    if (rule.assignment) {
      add(rule.id, 'assignment.name', rule.assignment.name, 'i');
      if (rule.assignment.nameExclude !== undefined) add(rule.id, 'assignment.nameExclude', rule.assignment.nameExclude, 'i');
    }
    (rule.allowlist?.values ?? []).forEach((value, i) => add(rule.id, `allowlist.values[${i}]`, value, ''));
  }
  return out;
}

/**
 * A polynomial verdict is accepted only when the pattern has no unbounded quantifier (`*`, `+`,
 * `{n,}`): then the work per start position is a constant and the scan stays linear in the line
 * length (recheck measures growth on inputs shorter than the bounds, so it reports such
 * patterns). The check is the engine's own, which also guards workspace rules at load time.
 */
/** Why a verdict is not acceptable, or undefined when it is. Exponential backtracking always fails. */
export function problemOf(verdict: Verdict, pattern: string): string | undefined {
  if (verdict.status === 'safe') return undefined;
  if (verdict.status !== 'vulnerable') return `unknown status "${String(verdict.status)}"`;
  if (verdict.complexity === 'exponential') return 'exponential backtracking';
  if (verdict.complexity !== 'polynomial') return `unknown complexity "${verdict.complexity}"`;
  if (hasUnboundedQuantifier(pattern)) return `${verdict.summary} with an unbounded quantifier`;
  return undefined;
}

export function readVerdicts(file = VERDICTS_FILE): VerdictsFile {
  if (!fs.existsSync(file)) return { format: VERDICTS_FORMAT, verdicts: {} };
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as VerdictsFile;
  if (data.format !== VERDICTS_FORMAT) throw new Error(`${file}: expected format ${VERDICTS_FORMAT}, got ${String(data.format)}`);
  return data;
}

/**
 * The file as `npm run rules:safety` writes it: entries sorted by rule, field and key, one field
 * order, two-space indent and a final newline, so the same verdicts always give the same bytes.
 */
export function serialiseVerdicts(verdicts: Record<string, Verdict>): string {
  const keys = Object.keys(verdicts).sort((a, b) => {
    const x = verdicts[a];
    const y = verdicts[b];
    return compare(x.ruleId, y.ruleId) || compare(x.field, y.field) || compare(a, b);
  });
  const sorted: Record<string, Verdict> = {};
  for (const key of keys) {
    const v = verdicts[key];
    sorted[key] = {
      ruleId: v.ruleId,
      field: v.field,
      status: v.status,
      complexity: v.complexity,
      summary: v.summary,
      checker: v.checker,
      analysedWith: v.analysedWith,
    };
  }
  const file: VerdictsFile = { format: VERDICTS_FORMAT, verdicts: sorted };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keeps the verdicts of current patterns only (first rule as the label), adding `fresh` ones. */
export function mergeVerdicts(
  patterns: ScannedPattern[],
  previous: Record<string, Verdict>,
  fresh: Record<string, Verdict>,
): { verdicts: Record<string, Verdict>; pruned: string[]; missing: ScannedPattern[] } {
  const verdicts: Record<string, Verdict> = {};
  const missing = new Map<string, ScannedPattern>();
  for (const p of patterns) {
    if (verdicts[p.key] || missing.has(p.key)) continue;
    const known = fresh[p.key] ?? previous[p.key];
    if (known) verdicts[p.key] = { ...known, ruleId: p.ruleId, field: p.field };
    else missing.set(p.key, p);
  }
  const pruned = Object.keys(previous).filter((key) => !verdicts[key]);
  return { verdicts, pruned, missing: [...missing.values()] };
}
