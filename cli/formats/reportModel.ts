import type { Finding, RuleInfo, Severity, SkipNote } from '../../engine';

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
}

export interface Summary { total: number; bySeverity: Record<Severity, number>; byCategory: Record<string, number>; files: number }

export function summarize(findings: Finding[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCategory: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  return { total: findings.length, bySeverity, byCategory, files: new Set(findings.map((f) => f.path)).size };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rules that produced at least one finding, in id order (SARIF and Markdown list only those). */
export function rulesUsed(report: Report): RuleInfo[] {
  const ids = new Set(report.findings.map((f) => f.ruleId));
  return report.rules.filter((r) => ids.has(r.definition.id)).sort((a, b) => a.definition.id.localeCompare(b.definition.id));
}
