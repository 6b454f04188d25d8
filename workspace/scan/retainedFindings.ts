import type { Finding, Severity } from '../../engine';

/**
 * How many findings an audit keeps in full by default. Past it, findings are counted, not kept:
 * a finding costs about 0.7 KB in memory and 1.5 KB in a JSON report, and a report of 66,000
 * findings is one nobody reads (`limits.maxFindings` and `--max-findings` change it).
 */
export const DEFAULT_MAX_FINDINGS = 20_000;

/** What is known of the findings that were not kept: their number, severities, categories and files. */
export interface OmittedFindings {
  total: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<string, number>;
  /** Files with an omitted finding (a file costs far less than its findings). */
  paths: Set<string>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most severe first, then by place: a total order, so the kept set does not depend on scan order. */
function moreImportant(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.offsets.start - b.offsets.start ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

export function noOmittedFindings(): OmittedFindings {
  return { total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCategory: {}, paths: new Set() };
}

/**
 * Keeps the `cap` most severe findings of an audit and counts the rest. Baselined findings are
 * only counted. Because the most severe are kept, `--fail-on` decides the same as with every
 * finding kept. Memory stays within about twice the cap: the list is cut back to the cap whenever
 * it doubles.
 */
export class RetainedFindings {
  private kept: Finding[] = [];
  readonly omitted = noOmittedFindings();
  baselined = 0;

  constructor(readonly cap: number = DEFAULT_MAX_FINDINGS) {
    if (!(cap >= 0)) throw new RangeError(`maxFindings must be a number of findings, not ${cap}`);
  }

  add(findings: Iterable<Finding>): void {
    for (const f of findings) {
      if (f.baselined) this.baselined++;
      else this.kept.push(f);
    }
    if (this.kept.length >= Math.max(2 * this.cap, 1024)) this.trim();
  }

  /** The kept findings, in report order (by file, then position). */
  findings(): Finding[] {
    this.trim();
    return this.kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.offsets.start - b.offsets.start));
  }

  private trim(): void {
    if (this.kept.length <= this.cap) return;
    this.kept.sort(moreImportant);
    for (const f of this.kept.splice(this.cap)) countOmitted(this.omitted, f);
  }
}

export function countOmitted(omitted: OmittedFindings, f: Finding): void {
  omitted.total++;
  omitted.bySeverity[f.severity]++;
  omitted.byCategory[f.category] = (omitted.byCategory[f.category] ?? 0) + 1;
  omitted.paths.add(f.path);
}

/** Adds the counts of `more` to `into`; returns `into`. */
export function mergeOmitted(into: OmittedFindings, more: OmittedFindings): OmittedFindings {
  into.total += more.total;
  for (const [severity, n] of Object.entries(more.bySeverity)) into.bySeverity[severity as Severity] += n;
  for (const [category, n] of Object.entries(more.byCategory)) into.byCategory[category] = (into.byCategory[category] ?? 0) + n;
  for (const p of more.paths) into.paths.add(p);
  return into;
}
