import type { Finding } from '../types';
import { RuleError } from '../rules/ruleTypes';

/**
 * Accepted findings, keyed by content fingerprint and file, never by line number: edits that
 * move a secret do not resurrect it, and the file has no timestamps to cause merge conflicts.
 */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
}
export interface BaselineFile {
  version: 1;
  tool: 'nhi-lens';
  findings: BaselineEntry[];
}

export class Baseline {
  private readonly keys: Set<string>;
  constructor(readonly entries: BaselineEntry[] = []) {
    this.keys = new Set(entries.map((e) => keyOf(e.fingerprint, e.path)));
  }
  has(finding: Pick<Finding, 'fingerprint' | 'path'>): boolean {
    return this.keys.has(keyOf(finding.fingerprint, finding.path));
  }
  get size(): number {
    return this.entries.length;
  }
}

function keyOf(fingerprint: string, filePath: string): string {
  return `${fingerprint}\0${filePath.replace(/\\/g, '/')}`;
}

/** Parses a baseline file's text; `source` names it in errors (never its content). */
export function parseBaseline(text: string, source: string): Baseline {
  let data: Partial<BaselineFile>;
  try {
    data = JSON.parse(text) as Partial<BaselineFile>;
  } catch {
    throw new RuleError([`${source}: cannot read baseline: not valid JSON`]);
  }
  const entries = data?.findings;
  if (!Array.isArray(entries) || !entries.every((e) => typeof e?.fingerprint === 'string' && typeof e?.path === 'string')) {
    throw new RuleError([`${source}: not an nhi-lens baseline (expected {"findings": [{"fingerprint", "ruleId", "path"}]})`]);
  }
  return new Baseline(entries);
}

/** Baseline content for these findings, sorted so that re-writing it gives stable diffs. */
export function baselineOf(findings: Finding[]): BaselineFile {
  const unique = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const entry = { fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path.replace(/\\/g, '/') };
    unique.set(keyOf(entry.fingerprint, entry.path), entry);
  }
  const sorted = [...unique.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  return { version: 1, tool: 'nhi-lens', findings: sorted };
}
