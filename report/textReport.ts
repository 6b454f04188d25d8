import { visible } from './escaping';
import { omittedNote, plural, summarizeReport, type Report } from './reportModel';
import { joinChunks, joinedLines, type ReportChunks } from './reportStream';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Human-readable report for a terminal: one block per file, then a summary. */
export function renderText(report: Report, color = false): string {
  return joinChunks(textReportChunks(report, color));
}

/** The text report line by line, for writing as a stream. */
export function* textReportChunks(report: Report, color = false): ReportChunks {
  yield* joinedLines(textLines(report, color));
  yield '\n';
}

function* textLines(report: Report, color: boolean): Generator<string> {
  const c = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  let currentPath = '';
  let any = false;
  // With verification, live credentials come first (the report sorts them so) under a heading of their own.
  let section: 'live' | 'rest' | undefined;
  for (const f of report.findings) {
    const isLive = f.verification?.state === 'live';
    if (report.verification?.live && section !== (isLive ? 'live' : 'rest')) {
      section = isLive ? 'live' : 'rest';
      if (any) yield '';
      yield isLive ? c('bold', c('error', '== Live credentials: rotate these first ==')) : c('bold', '== Other findings ==');
      currentPath = '';
    }
    if (f.path !== currentPath) {
      if (currentPath) yield '';
      yield c('bold', visible(f.path));
      currentPath = f.path;
    }
    const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const live = isLive ? `${c('bold', c('error', 'LIVE'))} ` : '';
    // Names and messages come from the repository: a newline or an escape sequence in them must not forge lines or colours.
    yield `  ${where.padEnd(9)} ${c(f.severity, f.severity.padEnd(7))} ${live}${visible(f.message)}  ${c('dim', visible(f.ruleId))}`;
    any = true;
  }
  const s = summarizeReport(report);
  if (any) yield '';
  const counts = `${plural(s.total, 'finding')} (${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info) in ${plural(s.files, 'file')}`;
  const extra = [
    report.baselined ? `${report.baselined} in baseline` : '',
    report.suppressed ? `${report.suppressed} suppressed inline` : '',
    report.skipped.length ? `${report.skipped.length} skipped (--format json lists why)` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const scanned = `${plural(report.filesScanned, 'file')}, ${(report.bytesScanned / 1048576).toFixed(1)} MB scanned in ${(report.durationMs / 1000).toFixed(2)} s`;
  yield c('bold', counts) + (extra ? `; ${extra}` : '');
  const v = report.verification;
  if (v)
    yield (
      (v.live ? c('bold', c('error', `${plural(v.live, 'live credential')}: rotate first`)) + '; ' : '') +
      `${plural(v.credentials, 'credential')} verified with their providers: ${v.live} live, ${v.invalid} not valid, ${v.unknown} unknown`
    );
  const omitted = omittedNote(report);
  if (omitted) yield `note: ${omitted}`;
  yield c('dim', scanned + (report.cancelled ? ' (cancelled: results are partial)' : ''));
}
