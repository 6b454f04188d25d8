import * as assert from 'node:assert/strict';
import { statusSummary } from '../../client/statusSummary';
import type { AuditFinding, AuditResult, InventoryItem } from '../../protocol/nhiLensProtocol';

const finding = (extra: Partial<AuditFinding>): AuditFinding =>
  ({ ruleId: 'slack-bot-token', category: 'secret', severity: 'error', ...extra }) as AuditFinding;
const identity = (owner: string | null): InventoryItem => ({ owner }) as InventoryItem;
const audit = (findings: AuditFinding[], inventory: InventoryItem[]): AuditResult => ({
  summary: { files: 12, bytes: 1000, findings: findings.length, listed: findings.length, skipped: 0, cancelled: false, durationMs: 5 },
  folders: [],
  findings,
  skipped: [],
  inventory,
  notes: [],
});

describe('the status bar item', () => {
  it('before any audit: says so, and a click audits', () => {
    const s = statusSummary(undefined, false);
    assert.equal(s.text, '$(shield) NHI Lens: not audited');
    assert.equal(s.command, 'nhiLens.auditWorkspace');
  });

  it('while auditing: spins', () => {
    assert.match(statusSummary(undefined, true).text, /^\$\(sync~spin\) NHI Lens: auditing$/);
  });

  it('counts what the Problems panel does not: live and committed secrets, unowned identities (not errors and warnings)', () => {
    const result = audit(
      [
        finding({ verification: { state: 'live', provider: 'Slack', checkedAt: '2026-01-01T00:00:00Z' } }),
        finding({ git: { state: 'committed', commit: 'abc', date: '2026-01-01' } }),
        finding({ git: { state: 'removed', commit: 'abc', date: '2026-01-01' } }),
        finding({ git: { state: 'uncommitted' } }),
        finding({ category: 'permission', severity: 'warning', git: { state: 'committed', commit: 'abc', date: '2026-01-01' } }),
      ],
      [identity(null), identity('team-a'), identity(null), identity(null)],
    );
    const s = statusSummary(result, false, new Date(2026, 0, 1, 9, 30));
    assert.equal(s.text, '$(shield) $(flame) 1 live $(git-commit) 2 committed $(person) 3 unowned');
    assert.equal(s.command, 'nhiLens.showReport');
    assert.match(s.tooltip, /last audit at 09:30: 12 files, 5 findings/);
    assert.match(s.tooltip, /3 identities of 4 with \*\*no owner\*\*/);
  });

  it('an audit with nothing exposed says it was audited, with no counts', () => {
    const s = statusSummary(audit([finding({ git: { state: 'uncommitted' } })], [identity('team-a')]), false);
    assert.equal(s.text, '$(shield) NHI Lens: audited');
    assert.match(s.tooltip, /0 secrets already \*\*committed\*\*/);
  });
});
