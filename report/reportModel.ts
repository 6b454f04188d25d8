import {
  buildInventory,
  compareExposure,
  exposureNote,
  findingOwners,
  type Finding,
  type Identity,
  type IdentityRecord,
  type RuleInfo,
  type Severity,
  type SkipNote,
} from '../engine';
import type { AuditResult } from '../workspace/scan/scanPool';
import { mergeOmitted, RetainedFindings, type OmittedFindings } from '../workspace/scan/retainedFindings';
import { readCodeOwners } from '../workspace/codeOwnersFile';
import { TOOL_VERSION } from '../engine/version';

/** Where GitHub saw a secret in the repository's files (other location types are ignored). */
export interface AlertLocation {
  path: string;
  line: number;
}

/** An open secret-scanning alert, without its secret: only where it is and what kind. */
export interface SecretAlert {
  number: number;
  secretType: string;
  url: string;
  locations: AlertLocation[];
}

/** What every report format renders: the findings to show and the facts around them. */
export interface Report {
  toolVersion: string;
  /** Folder finding paths are relative to. */
  root: string;
  findings: Finding[];
  baselined: number;
  suppressed: number;
  skipped: SkipNote[];
  filesScanned: number;
  bytesScanned: number;
  durationMs: number;
  rules: RuleInfo[];
  cancelled?: boolean;
  /** The NHI inventory of the scanned files. */
  inventory: Identity[];
  /** Who answers for each finding (by fingerprint); absent: nobody. */
  owners: Map<string, string>;
  /** Open GitHub secret-scanning alerts not matched to a finding (with `--github`). */
  githubAlerts?: SecretAlert[];
  /** Notes to show with the report: git unavailable, GitHub failures, findings past the cap. */
  notes: string[];
  /** Set when credentials were verified with their providers (`--verify`): how many, with what outcome. */
  verification?: VerificationSummary;
  /** Findings past `maxFindings`: not in `findings`, counted here (every summary includes them). */
  omitted: OmittedFindings;
  /** How many findings the report keeps in full. */
  maxFindings: number;
}

/** What the verification stage did, counted per credential (an AWS key ID and its secret are one). */
export interface VerificationSummary {
  credentials: number;
  live: number;
  invalid: number;
  unknown: number;
}

/**
 * The report of an audit run: the findings not in the baseline, the rest counted. Inventory comes
 * later (`addInventory`). `rules` may be where to get them, asked when the report's `rules` are
 * first read (SARIF and Markdown list those of the findings; a JSON report never reads them, and
 * an engine reads its built-in rules when first asked).
 */
export function reportOf(run: AuditResult, root: string, rules: RuleInfo[] | (() => RuleInfo[])): Report {
  const shown = run.findings.filter((f) => !f.baselined);
  let listed = typeof rules === 'function' ? undefined : rules;
  return {
    toolVersion: TOOL_VERSION,
    root,
    findings: shown,
    baselined: run.baselined + run.findings.length - shown.length,
    suppressed: run.suppressed,
    skipped: run.skipped,
    filesScanned: run.filesScanned,
    bytesScanned: run.bytesScanned,
    durationMs: run.durationMs,
    get rules() {
      return (listed ??= (rules as () => RuleInfo[])());
    },
    cancelled: run.cancelled,
    inventory: [],
    owners: new Map(),
    notes: [],
    omitted: run.omitted,
    maxFindings: run.maxFindings,
  };
}

/**
 * Adds findings found after the scan (past versions in git) under the same cap: the most severe
 * are kept, the rest counted with the scan's omitted ones.
 */
export function addFindings(report: Report, findings: Finding[]): void {
  const retained = new RetainedFindings(report.maxFindings);
  retained.add([...report.findings, ...findings]);
  report.findings = retained.findings();
  mergeOmitted(report.omitted, retained.omitted);
}

/** The sentence every format shows when findings were counted but not listed. */
export function omittedNote(report: Report): string | undefined {
  const { total } = report.omitted;
  if (!total) return undefined;
  const all = report.findings.length + total;
  return `${all} findings: the ${report.findings.length} most severe are listed; ${total} more are counted in the summary only, not listed nor in the inventory (raise limits.maxFindings or --max-findings, now ${report.maxFindings}, to list them)`;
}

export interface Summary {
  total: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<string, number>;
  files: number;
  /** Findings whose provider said the credential works (`--verify`). */
  live: number;
}

export function summarize(findings: Finding[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCategory: Record<string, number> = {};
  let live = 0;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    if (f.verification?.state === 'live') live++;
  }
  return { total: findings.length, bySeverity, byCategory, files: new Set(findings.map((f) => f.path)).size, live };
}

/** The summary of everything the audit found: the findings listed and those counted only. */
export function summarizeReport(report: Report): Summary {
  const listed = summarize(report.findings);
  if (!report.omitted.total) return listed;
  const all = mergeOmitted(
    {
      total: listed.total,
      bySeverity: { ...listed.bySeverity },
      byCategory: { ...listed.byCategory },
      paths: new Set(report.findings.map((f) => f.path)),
    },
    report.omitted,
  );
  return { total: all.total, bySeverity: all.bySeverity, byCategory: all.byCategory, files: all.paths.size, live: listed.live };
}

/** The `limit` largest counts, largest first, ties by name. */
function top(counts: Map<string, number>, limit: number): Array<{ name: string; count: number }> {
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Files and identities with the most findings, and the owners who answer for the most. */
export function offenders(
  report: Report,
  limit = 5,
): {
  files: Array<{ name: string; count: number }>;
  identities: Array<{ name: string; count: number }>;
  owners: Array<{ name: string; count: number }>;
} {
  const files = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const f of report.findings) {
    files.set(f.path, (files.get(f.path) ?? 0) + 1);
    const owner = report.owners.get(f.fingerprint) ?? '(no owner)';
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  const shown = new Set(report.findings.map((f) => f.fingerprint));
  const identities = new Map<string, number>();
  for (const i of report.inventory) {
    const n = i.findings.filter((fp) => shown.has(fp)).length;
    if (n && i.kind !== 'secret') identities.set(`${i.name} (${i.path})`, n);
  }
  return { files: top(files, limit), identities: top(identities, limit), owners: top(owners, limit) };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rules that produced at least one finding, in id order (SARIF and Markdown list only those). */
export function rulesUsed(report: Report): RuleInfo[] {
  const ids = new Set(report.findings.map((f) => f.ruleId));
  return report.rules.filter((r) => ids.has(r.definition.id)).sort((a, b) => compareRuleIds(a.definition.id, b.definition.id));
}

/**
 * Rule ids in code-unit order. An id is lowercase letters, digits and hyphens (rules/schema.json),
 * which ICU's root collation (`localeCompare` in English) puts in the same order. Not
 * `localeCompare`: its first call in a process loads ICU's collation data, 15-24 ms on this
 * machine, the largest step of a warm cached audit's SARIF report after the walk (bench/RESULTS.md,
 * issue 13); and the order of a report's rules should not depend on the user's locale (Danish
 * sorts "aa" after "z", Lithuanian "y" after "i").
 */
export function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One line on where a secret stands in git and on GitHub, for reports that show no message.
 * (The message already carries the git advice: formats that print the message add only `githubNote`.)
 */
export function gitNote(f: Finding, now: number = Date.now()): string {
  const parts: string[] = [];
  const g = f.git;
  if (g?.state === 'uncommitted') parts.push('not committed');
  if (g?.state === 'committed')
    parts.push(`in history since ${g.commit.slice(0, 12)} (${g.date.slice(0, 10)}, ${exposureNote(g, now)}): rotate`);
  if (g?.state === 'removed')
    parts.push(`removed, still in history at ${g.commit.slice(0, 12)} (${g.date.slice(0, 10)}, ${exposureNote(g, now)}): rotate`);
  const github = githubNote(f);
  if (github) parts.push(github);
  return parts.join('; ');
}

/**
 * What the provider said about a verified credential, for people: `live at AWS:
 * arn:aws:iam::123456789012:user/ci`, `not valid at GitHub`, `not verified at Slack: timed out
 * after 5 s`; empty when it was not verified.
 */
export function verificationNote(f: Finding): string {
  const v = f.verification;
  if (!v) return '';
  if (v.state === 'live') return `live at ${v.provider}${v.identity ? `: ${v.identity}` : ''}`;
  if (v.state === 'invalid') return `not valid at ${v.provider}`;
  return `not verified at ${v.provider}${v.detail ? `: ${v.detail}` : ''}`;
}

/** The GitHub part of `gitNote`: whether GitHub already alerted on this secret. */
export function githubNote(f: Finding): string {
  return f.github ? `GitHub already alerted (#${f.github.alert})` : '';
}

/**
 * Puts the most exposed secrets first (pushed, then committed locally; the oldest first among
 * them); the other findings keep their order after them. Run after git state is known.
 */
export function orderByExposure(report: Report): void {
  report.findings = report.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => compareExposure(a.f.git, b.f.git) || a.i - b.i)
    .map(({ f }) => f);
}

/** Fills the report's inventory and owners from the scanned identities, its findings and CODEOWNERS. */
export function addInventory(report: Report, identities: IdentityRecord[]): void {
  const codeOwners = readCodeOwners(report.root);
  report.inventory = buildInventory(identities, report.findings, codeOwners);
  report.owners = findingOwners(report.inventory, report.findings, codeOwners);
}
