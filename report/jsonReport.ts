import { summarizeReport, type Report } from './reportModel';
import { joinChunks, jsonChunks, StreamedArray, type ReportChunks } from './reportStream';

/** Machine-readable report; finding values are masked like everywhere else. */
export function renderJson(report: Report): string {
  return joinChunks(jsonReportChunks(report));
}

/** The JSON report piece by piece (one finding, identity or skip note at a time), for writing as a stream. */
export function* jsonReportChunks(report: Report): ReportChunks {
  yield* jsonChunks({
    tool: { name: 'nhi-lens', version: report.toolVersion },
    summary: {
      ...summarizeReport(report),
      // Past maxFindings, findings are counted in the figures above but not listed below.
      listed: report.findings.length,
      omitted: report.omitted.total,
      maxFindings: Number.isFinite(report.maxFindings) ? report.maxFindings : null,
      baselined: report.baselined,
      suppressed: report.suppressed,
      filesScanned: report.filesScanned,
      bytesScanned: report.bytesScanned,
      durationMs: report.durationMs,
      cancelled: !!report.cancelled,
      ...(report.verification ? { verification: report.verification } : {}),
    },
    findings: new StreamedArray(report.findings, ({ offsets: _offsets, baselined: _b, ...f }) => ({
      ...f,
      ...(report.owners.has(f.fingerprint) ? { owner: report.owners.get(f.fingerprint) } : {}),
    })),
    skipped: new StreamedArray(report.skipped),
    inventory: new StreamedArray(report.inventory),
    ...(report.githubAlerts ? { githubAlertsNotFound: report.githubAlerts } : {}),
    notes: report.notes,
  });
  yield '\n';
}
