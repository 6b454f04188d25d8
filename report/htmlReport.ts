import type * as Crypto from 'node:crypto';
import { IDENTITY_KIND_LABEL, compareExposure, inventoryGitNote } from '../engine';
import { INVISIBLE, uriPath, visible, webUrl } from './escaping';
import { githubNote, offenders, plural, rulesUsed, summarizeReport, verificationNote, type Report } from './reportModel';
import { eachRendered, joinChunks, joinedLines, type ReportChunks } from './reportStream';

/** node:crypto, loaded on first use: with the streams it pulls in, a few ms of every start-up. */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:crypto') as typeof Crypto;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** An attribute that must keep the real value (the webview posts `data-path` back): controls as character references, never raw. */
const attr = (s: string) => esc(s).replace(INVISIBLE, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
/** Repository-controlled text: escaped, and made visible (a newline in a file name would collapse into a space). */
const show = (s: string) => esc(visible(s));
/** A link when the URL is a web link (a rule's docs come from the repository's config), else the label alone. */
const anchor = (url: string | undefined, label: string) => (webUrl(url) ? `<a href="${esc(url!)}">${label}</a>` : label);
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * How the page is shown: a file opened in a browser (`linkBase`: the audited folder relative to
 * where the page is written, so location links open the files), or a VS Code webview (a click
 * posts a reveal request instead).
 */
export interface HtmlOptions {
  webview?: { cspSource: string };
  linkBase?: string;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--error:#cf222e;--warning:#9a6700;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--error:#ff7b72;--warning:#d29922;--info:#4493f8}}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:24px;max-width:1200px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:120px}
.card b{display:block;font-size:24px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:var(--card)}td.n{text-align:right}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.sev{font-weight:600;text-transform:uppercase;font-size:11px}.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
.note{border-left:3px solid var(--warning);padding:4px 12px;background:var(--card)}details summary{cursor:pointer}
input[type=search]{font:inherit;padding:4px 8px;width:280px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
a{color:var(--info)}
.badge{display:inline-block;font-weight:700;font-size:11px;text-transform:uppercase;border-radius:4px;padding:0 6px;margin-right:6px}
.badge.live{color:#fff;background:var(--error)}.badge.invalid,.badge.unknown{color:var(--muted);border:1px solid var(--line)}`;

/** Filters the findings table as the reader types; posts reveal requests in a webview. */
const SCRIPT = `
const q=document.getElementById('filter');
q&&q.addEventListener('input',()=>{const t=q.value.toLowerCase();for(const r of document.querySelectorAll('#findings tbody tr'))r.hidden=!r.textContent.toLowerCase().includes(t);});
const vscode=typeof acquireVsCodeApi==='function'?acquireVsCodeApi():undefined;
if(vscode)document.addEventListener('click',(e)=>{const a=e.target.closest('a[data-path]');if(!a)return;e.preventDefault();vscode.postMessage({type:'reveal',path:a.dataset.path,line:Number(a.dataset.line),character:Number(a.dataset.character)});});`;

function locationLink(path: string, line: number, character: number, base: string): string {
  const label = `${path}:${line + 1}:${character + 1}`;
  const href = uriPath([...(base ? [base.replace(/\\/g, '/')] : []), path].join('/'));
  // data-path keeps the real name: the webview posts it back to open the file.
  return `<a href="${esc(href)}" data-path="${attr(path)}" data-line="${line}" data-character="${character}"><code>${show(label)}</code></a>`;
}

function countTable(title: string, rows: Array<{ name: string; count: number }>, code = false): string {
  if (!rows.length) return '';
  return `<div><table><thead><tr><th>${esc(title)}</th><th class="n">Findings</th></tr></thead><tbody>${rows.map((r) => `<tr><td>${code ? `<code>${show(r.name)}</code>` : show(r.name)}</td><td class="n">${r.count}</td></tr>`).join('')}</tbody></table></div>`;
}

/** A self-contained HTML page: no external resource, scripts limited by a nonce. */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  return joinChunks(htmlReportChunks(report, options));
}

/** The HTML page piece by piece (one table row at a time), for writing as a stream. */
export function* htmlReportChunks(report: Report, options: HtmlOptions = {}): ReportChunks {
  const s = summarizeReport(report);
  const nonce = crypto().randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${options.webview?.cspSource ?? "'none'"}`;
  const top = offenders(report);
  const base = options.webview ? '' : (options.linkBase ?? '');
  const rules = new Map(rulesUsed(report).map((r) => [r.definition.id, r.definition]));
  const live = (f: (typeof report.findings)[number]) => (f.verification?.state === 'live' ? 0 : 1);
  const findings = [...report.findings].sort(
    (a, b) =>
      live(a) - live(b) ||
      compareExposure(a.git, b.git) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.path.localeCompare(b.path) ||
      a.offsets.start - b.offsets.start,
  );
  const badge = (f: (typeof report.findings)[number]) => {
    // A secret in a pushed commit has left the machine: flagged like a live one.
    const pushed = f.git && f.git.state !== 'uncommitted' && f.git.pushed ? '<span class="badge live">pushed</span>' : '';
    const v = f.verification;
    if (!v) return pushed;
    const label = v.state === 'live' ? 'live' : v.state === 'invalid' ? 'not valid' : 'unknown';
    return `<span class="badge ${v.state}" title="${esc(verificationNote(f))}">${label}</span>${pushed}`;
  };
  const identity = (f: (typeof report.findings)[number]) =>
    f.verification?.state === 'live' && f.verification.identity
      ? `<br><span class="muted">belongs to</span> <code class="identity">${esc(f.verification.identity)}</code>`
      : '';
  const row = (f: (typeof report.findings)[number]) => `<tr>
<td><span class="sev ${f.severity}">${f.severity}</span></td>
<td>${locationLink(f.path, f.range.start.line, f.range.start.character, base)}</td>
<td>${badge(f)}${show(f.message)}<br><code>${show(f.masked)}</code>${identity(f)}${githubNote(f) ? `<br><span class="muted">${esc(githubNote(f))}</span>` : ''}${f.github?.url ? ` ${anchor(f.github.url, 'alert')}` : ''}</td>
<td><details><summary>${show(rules.get(f.ruleId)?.title ?? f.title)}</summary>${show(f.remediation)}</details></td>
<td>${anchor(f.docs, `<code>${esc(f.ruleId)}</code>`)}</td>
<td>${show(report.owners.get(f.fingerprint) ?? 'none')}</td></tr>`;
  const inventoryRow = (i: (typeof report.inventory)[number]) =>
    `<tr><td>${esc(IDENTITY_KIND_LABEL[i.kind])}</td><td>${show(i.name)}</td><td>${locationLink(i.path, i.range.start.line, i.range.start.character, base)}</td><td>${i.owner ? `${show(i.owner)} <span class="muted">(${i.ownerSource})</span>` : 'none'}</td><td>${i.breadth}</td><td>${i.credential}${i.git ? `<br><span class="muted">${esc(inventoryGitNote(i.git))}</span>` : ''}</td><td class="n">${i.findings.length}</td></tr>`;
  const card = (label: string, value: number | string, cls = '') =>
    `<div class="card"><b class="${cls}">${value}</b><span class="muted">${esc(label)}</span></div>`;
  const alerts = report.githubAlerts?.length
    ? `<h2>GitHub alerts not found in the files</h2><p class="muted">Open secret-scanning alerts whose secret is no longer where GitHub saw it: rotate, then close the alert.</p><ul>${report.githubAlerts.map((a) => `<li>${anchor(a.url, `#${a.number}`)} ${esc(a.secretType)}${a.locations[0] ? ` <span class="muted">first seen in <code>${show(a.locations[0].path)}</code> line ${a.locations[0].line}</span>` : ''}</li>`).join('')}</ul>`
    : '';
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>NHI Lens audit</title><style nonce="${nonce}">${STYLE}</style></head>
<body>
<h1>NHI Lens audit</h1>
<p class="muted">${esc(plural(report.filesScanned, 'file'))} scanned in ${(report.durationMs / 1000).toFixed(2)} s by nhi-lens ${esc(report.toolVersion)}${report.baselined ? `, ${report.baselined} accepted in the baseline` : ''}${report.suppressed ? `, ${report.suppressed} suppressed inline` : ''}${report.cancelled ? ' (cancelled: results are partial)' : ''}.</p>
${report.notes.map((n) => `<p class="note">${show(n)}</p>`).join('\n')}
<section class="cards" id="summary">
${card('findings', s.total)}${report.verification ? card('live credentials', report.verification.live, 'sev error') : ''}${card('errors', s.bySeverity.error, 'sev error')}${card('warnings', s.bySeverity.warning, 'sev warning')}${card('info', s.bySeverity.info, 'sev info')}
${Object.entries(s.byCategory)
  .sort()
  .map(([c, n]) => card(c, n))
  .join('')}
${card('identities', report.inventory.length)}${card('without owner', report.inventory.filter((i) => !i.owner).length)}
</section>
<h2>Top offenders</h2>
<div class="grid">${countTable('File', top.files, true)}${countTable('Identity', top.identities)}${countTable('Owner', top.owners)}</div>
<h2>Findings</h2>
<p><input type="search" id="filter" placeholder="Filter findings" aria-label="Filter findings"></p>
<table id="findings"><thead><tr><th>Severity</th><th>Location</th><th>Finding</th><th>Remediation</th><th>Rule</th><th>Owner</th></tr></thead><tbody>
`;
  yield* joinedLines(eachRendered(findings, row));
  yield `
</tbody></table>
${alerts}
<h2>NHI inventory</h2>
<table id="inventory"><thead><tr><th>Kind</th><th>Name</th><th>Location</th><th>Owner</th><th>Breadth</th><th>Credential</th><th class="n">Findings</th></tr></thead><tbody>
`;
  yield* joinedLines(eachRendered(report.inventory, inventoryRow));
  yield `
</tbody></table>
${
  report.skipped.length
    ? `<h2>Not scanned</h2><ul>${report.skipped
        .slice(0, 200)
        .map((k) => `<li><code>${show(k.path)}</code>${k.line !== undefined ? ` line ${k.line + 1}` : ''}: ${show(k.reason)}</li>`)
        .join('')}</ul>`
    : ''
}
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>
`;
}
