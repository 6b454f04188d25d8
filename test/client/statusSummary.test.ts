import * as assert from 'node:assert/strict';
import { statusSummary } from '../../client/statusSummary';
import type { AuditFinding, AuditResult, InventoryItem } from '../../protocol/nhiLensProtocol';

const finding = (extra: Partial<AuditFinding>): AuditFinding =>
  ({ ruleId: 'slack-bot-token', category: 'secret', severity: 'error', ...extra }) as AuditFinding;
const identity = (owner: string | null): InventoryItem => ({ owner }) as InventoryItem;
/** An audit listing `findings`; the secret counts are the server's (over all findings, see protocolMapping). */
const audit = (
  findings: AuditFinding[],
  inventory: InventoryItem[],
  secrets = { live: 0, committed: 0, complete: true },
  total = findings.length,
): AuditResult => ({
  summary: { files: 12, bytes: 1000, findings: total, listed: findings.length, skipped: 0, cancelled: false, durationMs: 5, secrets },
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
      { live: 1, committed: 2, complete: true },
    );
    const s = statusSummary(result, false, new Date(2026, 0, 1, 9, 30));
    assert.equal(s.text, '$(shield) $(flame) 1 live $(git-commit) 2 committed $(person) 3 unowned');
    assert.equal(s.command, 'nhiLens.showReport');
    assert.match(s.tooltip, /last audit at 09:30: 12 files, 5 findings/);
    assert.match(s.tooltip, /3 identities of 4 with \*\*no owner\*\*/);
  });

  it("counts the server's totals, not the capped list: a capped audit lists none of its live secrets and still shows them", () => {
    // 7,000 findings, 5,000 listed (none of them live or committed); the server counted 3 and 40.
    const s = statusSummary(
      audit([finding({ git: { state: 'uncommitted' } })], [], { live: 3, committed: 40, complete: true }, 7000),
      false,
    );
    assert.equal(s.text, '$(shield) $(flame) 3 live $(git-commit) 40 committed');
    assert.match(s.tooltip, /: 12 files, 7000 findings\./);
    assert.match(s.tooltip, /- 3 secrets confirmed \*\*live\*\*/);
    assert.doesNotMatch(s.tooltip, /at least/);
  });

  it("findings past a folder's maxFindings carry no git state: the counts say at least", () => {
    const s = statusSummary(audit([], [], { live: 0, committed: 2, complete: false }, 900), false);
    assert.equal(s.text, '$(shield) $(git-commit) 2+ committed');
    assert.match(s.tooltip, /- at least 2 secrets already \*\*committed\*\*/);
    assert.match(s.tooltip, /- at least 0 secrets confirmed \*\*live\*\*/);
  });

  it('an audit with nothing exposed says it was audited, with no counts', () => {
    const s = statusSummary(audit([finding({ git: { state: 'uncommitted' } })], [identity('team-a')]), false);
    assert.equal(s.text, '$(shield) NHI Lens: audited');
    assert.match(s.tooltip, /0 secrets already \*\*committed\*\*/);
  });
});
