/**
 * What the status bar item says. VS Code already counts errors and warnings; this says what it
 * cannot: how many secrets their providers confirmed live, how many are in git's history (to
 * rotate, not just delete), how many identities nobody owns, and whether the workspace was
 * audited at all. Pure (no vscode import) so it is tested on its own.
 */
import type { AuditResult } from '../protocol/nhiLensProtocol';

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
  const secrets = audit.findings.filter((f) => f.category === 'secret');
  const live = secrets.filter((f) => f.verification?.state === 'live').length;
  const committed = secrets.filter((f) => f.git && f.git.state !== 'uncommitted').length;
  const unowned = audit.inventory.filter((i) => i.owner === null).length;
  const parts = [
    ...(live ? [`$(flame) ${live} live`] : []),
    ...(committed ? [`$(git-commit) ${committed} committed`] : []),
    ...(unowned ? [`$(person) ${unowned} unowned`] : []),
  ];
  const text = parts.length ? `$(shield) ${parts.join(' ')}` : '$(shield) NHI Lens: audited';
  const when = auditedAt ? ` at ${auditedAt.toTimeString().slice(0, 5)}` : '';
  const tooltip = [
    `**NHI Lens**: last audit${when}${audit.summary.cancelled ? ' (cancelled)' : ''}: ${plural(audit.summary.files, 'file')}, ${plural(audit.findings.length, 'finding')}.`,
    '',
    `- ${plural(live, 'secret')} confirmed **live** by their provider${live ? ': revoke them first' : ''}`,
    `- ${plural(committed, 'secret')} already **committed** to git: rotate them, deleting the line is not enough`,
    `- ${plural(unowned, 'identity', 'identities')} of ${audit.inventory.length} with **no owner** (no tag, no CODEOWNERS entry)`,
    '',
    'Click for the report.',
  ].join('\n');
  return { text, tooltip, command: 'nhiLens.showReport' };
}
