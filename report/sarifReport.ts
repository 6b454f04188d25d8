import type { Severity } from '../engine';
import { uriPath } from './escaping';
import { rulesUsed, type Report } from './reportModel';
import { joinChunks, jsonChunks, StreamedArray, type ReportChunks } from './reportStream';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security results by this property (0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.5', warning: '5.5', info: '2.0' };

/** SARIF 2.1.0, as GitHub code scanning and other tools read it. */
export function renderSarif(report: Report): string {
  return renderSarifRuns([{ report }]);
}

/** One run of a multi-run SARIF log: a report, and what tells it apart from the other runs of the tool. */
export interface SarifRunInput {
  report: Report;
  /**
   * `automationDetails.id`, which GitHub code scanning reads as the analysis category: runs of one
   * tool for one commit must differ in it, or one replaces the other.
   */
  category?: string;
}

/**
 * One SARIF log with a run per report (e.g. one per workspace folder): each run keeps paths
 * relative to its own folder (`originalUriBaseIds`), which one run over several folders could not.
 */
export function renderSarifRuns(runs: SarifRunInput[]): string {
  return joinChunks(sarifChunks(runs));
}

/** The SARIF log piece by piece (one result at a time), for writing as a stream. */
export function* sarifChunks(runs: SarifRunInput[]): ReportChunks {
  yield* jsonChunks({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: runs.map(sarifRun),
  });
  yield '\n';
}

function sarifRun({ report, category }: SarifRunInput): object {
  const rules = rulesUsed(report);
  const index = new Map(rules.map((r, i) => [r.definition.id, i]));
  return {
    tool: {
      driver: {
        name: 'nhi-lens',
        semanticVersion: report.toolVersion,
        informationUri: 'https://github.com/nhi-lens/nhi-lens',
        rules: rules.map(({ definition: d, severity, docs }) => ({
          id: d.id,
          name: d.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
          shortDescription: { text: d.title },
          fullDescription: { text: d.description },
          help: { text: d.remediation, markdown: `${d.remediation}\n\n[Rule documentation](${docs})` },
          helpUri: docs,
          defaultConfiguration: { level: LEVEL[severity] },
          properties: {
            tags: ['security', 'nhi', d.category],
            'security-severity': SECURITY_SEVERITY[severity],
            precision: d.generic ? 'medium' : 'high',
          },
        })),
      },
    },
    originalUriBaseIds: { ROOT: { uri: pathToUri(report.root) } },
    ...(report.verification ? { properties: { verification: report.verification } } : {}),
    columnKind: 'utf16CodeUnits',
    results: new StreamedArray(report.findings, (f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: `${f.message}. ${f.remediation}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriPath(f.path), uriBaseId: 'ROOT' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      // IaC: the other offending elements of the same statement or RBAC rule.
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: uriPath(f.path), uriBaseId: 'ROOT' },
                region: {
                  startLine: r.range.start.line + 1,
                  startColumn: r.range.start.character + 1,
                  endLine: r.range.end.line + 1,
                  endColumn: r.range.end.character + 1,
                },
              },
            })),
          }
        : {}),
      partialFingerprints: { 'nhiLensFingerprint/v1': f.fingerprint },
      properties: {
        category: f.category,
        masked: f.masked,
        ...(f.git ? { git: f.git } : {}),
        ...(f.github ? { githubAlert: f.github.alert } : {}),
        ...(f.verification ? { verification: f.verification } : {}),
      },
    })),
    invocations: [
      {
        executionSuccessful: !report.cancelled,
        toolExecutionNotifications: [
          // The report's notes first: findings past maxFindings, git or GitHub unavailable.
          ...report.notes.map((note) => ({ level: 'warning', message: { text: note } })),
          ...report.skipped.slice(0, 1000).map((s) => ({
            level: 'note',
            message: { text: `Not scanned: ${s.reason}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uriPath(s.path), uriBaseId: 'ROOT' },
                  ...(s.line !== undefined ? { region: { startLine: s.line + 1 } } : {}),
                },
              },
            ],
          })),
        ],
      },
    ],
    ...(category ? { automationDetails: { id: category } } : {}),
  };
}

/** The audited folder as a `file:` URI ending in `/`, each segment percent-encoded (a `#` or `?` in a folder name too). */
function pathToUri(folder: string): string {
  const posix = folder.replace(/\\/g, '/').replace(/\/+$/, '');
  if (!posix) return 'file:///';
  return `file://${posix.startsWith('/') ? '' : '/'}${uriPath(posix)}/`;
}
