import { summarizeReport, type Report } from './reportModel';

/** Machine-readable report; finding values are masked like everywhere else. */
export function renderJson(report: Report): string {
  return (
    JSON.stringify(
      {
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
        findings: report.findings.map(({ offsets: _offsets, baselined: _b, ...f }) => ({
          ...f,
          ...(report.owners.has(f.fingerprint) ? { owner: report.owners.get(f.fingerprint) } : {}),
        })),
        skipped: report.skipped,
        inventory: report.inventory,
        ...(report.githubAlerts ? { githubAlertsNotFound: report.githubAlerts } : {}),
        notes: report.notes,
      },
      null,
      2,
    ) + '\n'
  );
}
