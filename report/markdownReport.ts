import { IDENTITY_KIND_LABEL, inventoryGitNote } from '../engine';
import { markdownCode, markdownText, webUrl } from './escaping';
import { gitNote, offenders, plural, rulesUsed, summarizeReport, type Report } from './reportModel';
import type { Finding } from '../engine';
import { joinChunks, joinedLines, type ReportChunks } from './reportStream';

/** Repository-controlled text (names, messages, notes, reasons) in a cell, a list item or a quote. */
const cell = markdownText;
/** A path or value shown as code, in a table cell (`inTable`) or running text. */
const code = markdownCode;
/** A link, or the plain label when the target is not a web URL. */
const link = (label: string, url: string | undefined) => (webUrl(url) ? `[${label}](<${url}>)` : label);

/** A report to paste into a pull request or an issue. */
export function renderMarkdown(report: Report): string {
  return joinChunks(markdownReportChunks(report));
}

/** The Markdown report line by line (one finding row at a time), for writing as a stream. */
export function markdownReportChunks(report: Report): ReportChunks {
  return joinedLines(markdownLines(report));
}

function* markdownLines(report: Report): Generator<string> {
  const s = summarizeReport(report);
  yield* ['# NHI Lens audit', ''];
  yield* [
    `${plural(s.total, 'finding')} in ${plural(s.files, 'file')} (${plural(report.filesScanned, 'file')} scanned${report.baselined ? `, ${report.baselined} accepted in the baseline` : ''}${report.suppressed ? `, ${report.suppressed} suppressed inline` : ''}); ${plural(report.inventory.length, 'identity')} in the inventory.`.replace(
      'identitys',
      'identities',
    ),
    '',
  ];
  const v = report.verification;
  if (v)
    yield* [
      `${v.live ? `**${plural(v.live, 'live credential')}**: rotate ${v.live === 1 ? 'it' : 'them'} first. ` : ''}${plural(v.credentials, 'credential')} verified with their providers: ${v.live} live, ${v.invalid} not valid, ${v.unknown} unknown.`,
      '',
    ];
  for (const note of report.notes) yield* [`> ${cell(note)}`, ''];
  yield* ['| Severity | Count |', '| --- | ---: |'];
  for (const sev of ['error', 'warning', 'info'] as const) yield `| ${sev} | ${s.bySeverity[sev]} |`;
  yield* ['', '| Category | Count |', '| --- | ---: |'];
  for (const [category, n] of Object.entries(s.byCategory).sort()) yield `| ${category} | ${n} |`;
  yield '';
  if (report.findings.length) {
    const top = offenders(report);
    yield* [
      '## Top offenders',
      '',
      '| Files with most findings | Count |',
      '| --- | ---: |',
      ...top.files.map((f) => `| ${code(f.name)} | ${f.count} |`),
      '',
    ];
    if (top.identities.length)
      yield* [
        '| Identities with most findings | Count |',
        '| --- | ---: |',
        ...top.identities.map((f) => `| ${cell(f.name)} | ${f.count} |`),
        '',
      ];
    yield* ['| Owners with most findings | Count |', '| --- | ---: |', ...top.owners.map((f) => `| ${cell(f.name)} | ${f.count} |`), ''];
    // The Verified column only when the audit verified (`--verify`).
    const verified = !!v;
    yield* [
      '## Findings',
      '',
      `| Location | Severity |${verified ? ' Verified |' : ''} Rule | Value | Git / GitHub |`,
      `| --- | --- |${verified ? ' --- |' : ''} --- | --- | --- |`,
    ];
    for (const f of report.findings) {
      yield `| ${code(`${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`)} | ${f.severity} |${verified ? ` ${verifiedCell(f)} |` : ''} ${link(f.ruleId, f.docs)} | ${code(f.masked)} | ${cell(gitNote(f))} |`;
    }
    yield* ['', '## How to fix', ''];
    for (const { definition: d } of rulesUsed(report)) yield `- **${cell(d.title)}** (${code(d.id, false)}): ${cell(d.remediation)}`;
    yield '';
  }
  if (report.githubAlerts?.length) {
    yield* [
      '## GitHub alerts not found in the files',
      '',
      'Open secret-scanning alerts whose secret is no longer where GitHub saw it: rotate, then close the alert.',
      '',
    ];
    for (const a of report.githubAlerts)
      yield `- ${link(`#${a.number}`, a.url)} ${cell(a.secretType)}${a.locations[0] ? ` (first seen in ${code(a.locations[0].path, false)} line ${a.locations[0].line})` : ''}`;
    yield '';
  }
  if (report.inventory.length)
    yield* [
      '## NHI inventory',
      '',
      ...inventoryTable(report.inventory.slice(0, 500)),
      ...(report.inventory.length > 500 ? [`- … and ${report.inventory.length - 500} more (nhi-lens inventory lists them all)`] : []),
      '',
    ];
  if (report.skipped.length) {
    yield* ['## Not scanned', ''];
    for (const k of report.skipped.slice(0, 200))
      yield `- ${code(k.path, false)}${k.line !== undefined ? ` line ${k.line + 1}` : ''}: ${cell(k.reason)}`;
    if (report.skipped.length > 200) yield `- … and ${report.skipped.length - 200} more`;
    yield '';
  }
}

/** `**live**: @octocat`, `not valid`, `unknown: timed out after 5 s`, or empty when not verified. */
function verifiedCell(f: Finding): string {
  const v = f.verification;
  if (!v) return '';
  if (v.state === 'live') return `**live**${v.identity ? `: ${code(cell(v.identity))}` : ''}`;
  if (v.state === 'invalid') return 'not valid';
  return `unknown${v.detail ? `: ${cell(v.detail)}` : ''}`;
}

/** The inventory as a Markdown table (also `nhi-lens inventory --format markdown`). */
export function inventoryTable(identities: Report['inventory']): string[] {
  const rows = ['| Kind | Name | Location | Owner | Breadth | Credential | Findings |', '| --- | --- | --- | --- | --- | --- | ---: |'];
  for (const i of identities) {
    const owner = i.owner ? `${cell(i.owner)} (${i.ownerSource})` : 'none';
    rows.push(
      `| ${IDENTITY_KIND_LABEL[i.kind]} | ${cell(i.name)} | ${code(`${i.path}:${i.range.start.line + 1}`)} | ${owner} | ${i.breadth} | ${i.credential}${i.git ? ` (${inventoryGitNote(i.git)})` : ''} | ${i.findings.length} |`,
    );
  }
  return rows;
}
