/**
 * What the status bar item says. VS Code already counts errors and warnings; this says what it
 * cannot: how many secrets their providers confirmed live, how many are in git's history (to
 * rotate, not just delete), how many identities nobody owns, and whether the workspace was
 * audited at all. Pure (no vscode import) so it is tested on its own.
 */
import type { AuditResult } from '../protocol/nhiLensProtocol';
import { inventoryCountsOf } from './inventoryCounts';

export interface StatusSummary {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** What a click runs: audit first, then the report. */
  command: 'nhiLens.auditWorkspace' | 'nhiLens.showReport';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function statusSummary(audit: AuditResult | undefined, auditing: boolean, auditedAt?: Date): StatusSummary {
  if (auditing)
    return { text: '$(sync~spin) NHI Lens: auditing', tooltip: 'NHI Lens is auditing the workspace.', command: 'nhiLens.showReport' };
  if (!audit)
    return {
      text: '$(shield) NHI Lens: not audited',
      tooltip:
        'Open files are checked as you type. Audit the workspace to count what the Problems panel cannot: live and committed secrets, identities without an owner.\n\nClick to audit.',
      command: 'nhiLens.auditWorkspace',
    };
  // The server counts over every finding: the listed ones stop at its cap (5,000, the most
  // severe), and a live or committed secret past it would go uncounted here.
  const { live, committed, complete } = audit.summary.secrets;
  // Past a folder's limits.maxFindings, findings are counted without git state or verdict.
  const atLeast = complete ? '' : '+';
  // Counted by the server over every identity: the view lists only the riskiest past its cap.
  const { unowned, total: identities } = inventoryCountsOf(audit);
  const parts = [
    ...(live ? [`$(flame) ${live}${atLeast} live`] : []),
    ...(committed ? [`$(git-commit) ${committed}${atLeast} committed`] : []),
    ...(unowned ? [`$(person) ${unowned} unowned`] : []),
  ];
  const some = (n: number) => `${complete ? '' : 'at least '}${plural(n, 'secret')}`;
  const text = parts.length ? `$(shield) ${parts.join(' ')}` : '$(shield) NHI Lens: audited';
  const when = auditedAt ? ` at ${auditedAt.toTimeString().slice(0, 5)}` : '';
  const tooltip = [
    `**NHI Lens**: last audit${when}${audit.summary.cancelled ? ' (cancelled)' : ''}: ${plural(audit.summary.files, 'file')}, ${plural(audit.summary.findings, 'finding')}.`,
    '',
    `- ${some(live)} confirmed **live** by their provider${live ? ': revoke them first' : ''}`,
    `- ${some(committed)} already **committed** to git: rotate them, deleting the line is not enough`,
    ...(complete ? [] : ['- (findings past `limits.maxFindings` are counted without their git state or verdict)']),
    `- ${plural(unowned, 'identity', 'identities')} of ${identities} with **no owner** (no tag, no CODEOWNERS entry)`,
    '',
    'Click for the report.',
  ].join('\n');
  return { text, tooltip, command: 'nhiLens.showReport' };
}
