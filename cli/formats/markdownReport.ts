import { plural, rulesUsed, summarize, type Report } from './reportModel';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, 'ˋ')}\``;

/** A report to paste into a pull request or an issue. */
export function renderMarkdown(report: Report): string {
  const s = summarize(report.findings);
  const out: string[] = ['# NHI Lens audit', ''];
  out.push(`${plural(s.total, 'finding')} in ${plural(s.files, 'file')} (${plural(report.filesScanned, 'file')} scanned${report.baselined ? `, ${report.baselined} accepted in the baseline` : ''}${report.suppressed ? `, ${report.suppressed} suppressed inline` : ''}).`, '');
  out.push('| Severity | Count |', '| --- | ---: |');
  for (const sev of ['error', 'warning', 'info'] as const) out.push(`| ${sev} | ${s.bySeverity[sev]} |`);
  out.push('');
  if (report.findings.length) {
    out.push('## Findings', '', '| Location | Severity | Rule | Value |', '| --- | --- | --- | --- |');
    for (const f of report.findings) {
      out.push(`| ${code(`${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`)} | ${f.severity} | [${f.ruleId}](${f.docs}) | ${code(cell(f.masked))} |`);
    }
    out.push('', '## How to fix', '');
    for (const { definition: d } of rulesUsed(report)) out.push(`- **${cell(d.title)}** (\`${d.id}\`): ${cell(d.remediation)}`);
    out.push('');
  }
  if (report.skipped.length) {
    out.push('## Not scanned', '');
    for (const k of report.skipped.slice(0, 200)) out.push(`- ${code(k.path)}${k.line !== undefined ? ` line ${k.line + 1}` : ''}: ${k.reason}`);
    if (report.skipped.length > 200) out.push(`- … and ${report.skipped.length - 200} more`);
    out.push('');
  }
  return out.join('\n');
}
