/**
 * How many diagnostics one file may put in the Problems panel. A generated file, a vendored
 * bundle or a fixture of test keys can hold thousands of findings: publishing them all floods
 * the panel (and the editor's memory, and the pipe on every re-check) with nothing a person
 * reads past the first screens. Past the cap the most severe and the first lines are kept, and
 * one information diagnostic at the top of the file says how many were withheld and where to
 * see them all. The findings themselves are not touched: hovers, quick fixes and the audit see
 * every one.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';

/** What `nhiLens.maxProblemsPerFile` is when unset. */
export const DEFAULT_MAX_PROBLEMS_PER_FILE = 500;
/** No setting goes above this: past it the Problems panel is flooded whatever the user asked. */
export const MAX_PROBLEMS_PER_FILE = 10_000;

/** The setting as the server uses it: a whole number from 1 to the hard maximum, else the default. */
export function problemCapOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_MAX_PROBLEMS_PER_FILE;
  return Math.min(MAX_PROBLEMS_PER_FILE, Math.max(1, Math.floor(value)));
}

/** The `code` of the summary diagnostic (it has no finding behind it, so no quick fix or hover). */
export const WITHHELD_CODE = 'nhi-lens.withheld';

const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;

/**
 * At most `cap` of `diagnostics` (unchanged when there are no more), then the summary. The kept
 * ones are the most severe (errors, then warnings, then information), earliest lines first
 * within a severity, listed in that order.
 */
export function capProblems(diagnostics: Diagnostic[], cap: number): Diagnostic[] {
  if (diagnostics.length <= cap) return diagnostics;
  const kept = [...diagnostics]
    .sort((a, b) => rank(a) - rank(b) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .slice(0, cap);
  const withheld = diagnostics.length - kept.length;
  return [...kept, withheldSummary(withheld, diagnostics.length, cap)];
}

function withheldSummary(withheld: number, total: number, cap: number): Diagnostic {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'nhi-lens',
    code: WITHHELD_CODE,
    message:
      `NHI Lens: ${n(withheld)} more problems in this file are not listed (${n(total)} in all; the ${n(cap)} shown are the most severe, first lines first). ` +
      `Run "NHI Lens: Audit Workspace" and "NHI Lens: Show Report" to see them all, or raise nhiLens.maxProblemsPerFile (at most ${n(MAX_PROBLEMS_PER_FILE)}).`,
  };
}
