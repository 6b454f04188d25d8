import { mergeOmitted, noOmittedFindings } from '../workspace/scan/retainedFindings';
import type { RuleInfo } from '../engine';
import type { Report } from './reportModel';

/** One folder's audit in a report over several folders. */
export interface ReportPart {
  /** The folder's name: the first segment of its paths in the combined report. */
  name: string;
  report: Report;
}

/**
 * Several folders' reports as one, for the formats that render one page (Markdown, HTML): every
 * path becomes `<folder name>/<path in the folder>`, counts add up, notes say which folder they
 * are about. The result's `root` is empty: its paths are relative to no single folder, so SARIF,
 * whose paths resolve against a root, keeps one run per folder instead (`renderSarifRuns`).
 * `notes` are about the audit as a whole (e.g. a folder that could not be audited).
 */
export function combineReports(parts: ReportPart[], notes: string[] = []): Report {
  const prefixed = <T extends { path: string }>(name: string, items: T[]): T[] => items.map((i) => ({ ...i, path: `${name}/${i.path}` }));
  const rules = new Map<string, RuleInfo>();
  const owners = new Map<string, string>();
  for (const { report } of parts) {
    // Findings carry their own severity: a rule overridden in one folder only still renders right.
    for (const rule of report.rules) if (!rules.has(rule.definition.id)) rules.set(rule.definition.id, rule);
    for (const [fingerprint, owner] of report.owners) if (!owners.has(fingerprint)) owners.set(fingerprint, owner);
  }
  const verified = parts.filter(({ report }) => report.verification);
  const findings = parts.flatMap(({ name, report }) => prefixed(name, report.findings));
  const alerts = parts.flatMap(({ name, report }) =>
    (report.githubAlerts ?? []).map((a) => ({ ...a, locations: prefixed(name, a.locations) })),
  );
  return {
    toolVersion: parts[0]?.report.toolVersion ?? '',
    root: '',
    // Live credentials first across folders, as within one (app/verifyFindings.ts).
    findings: [...findings.filter((f) => f.verification?.state === 'live'), ...findings.filter((f) => f.verification?.state !== 'live')],
    baselined: sum(parts, (r) => r.baselined),
    // Paths of omitted findings get their folder's prefix, like the listed ones.
    omitted: parts.reduce(
      (all, { name, report }) =>
        mergeOmitted(all, { ...report.omitted, paths: new Set([...report.omitted.paths].map((p) => `${name}/${p}`)) }),
      noOmittedFindings(),
    ),
    maxFindings: Math.max(0, ...parts.map(({ report }) => report.maxFindings)),
    suppressed: sum(parts, (r) => r.suppressed),
    skipped: parts.flatMap(({ name, report }) => prefixed(name, report.skipped)),
    filesScanned: sum(parts, (r) => r.filesScanned),
    bytesScanned: sum(parts, (r) => r.bytesScanned),
    durationMs: sum(parts, (r) => r.durationMs),
    rules: [...rules.values()],
    cancelled: parts.some(({ report }) => report.cancelled),
    inventory: parts.flatMap(({ name, report }) => prefixed(name, report.inventory)),
    owners,
    ...(alerts.length ? { githubAlerts: alerts } : {}),
    ...(verified.length
      ? {
          verification: {
            credentials: sum(verified, (r) => r.verification!.credentials),
            live: sum(verified, (r) => r.verification!.live),
            invalid: sum(verified, (r) => r.verification!.invalid),
            unknown: sum(verified, (r) => r.verification!.unknown),
          },
        }
      : {}),
    notes: [...parts.flatMap(({ name, report }) => report.notes.map((n) => `${name}: ${n}`)), ...notes],
  };
}

function sum(parts: ReportPart[], count: (report: Report) => number): number {
  return parts.reduce((total, { report }) => total + count(report), 0);
}
