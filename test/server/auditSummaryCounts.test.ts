import * as assert from 'node:assert/strict';
import type { Finding } from '../../engine';
import type { Report } from '../../report/reportModel';
import { toAuditResult } from '../../server/protocolMapping';
import type { WorkspaceAudit } from '../../server/services/auditService';
import { defaultEngine } from '../support/engineFixture';

/** The summary counts live and committed secrets over every finding, not only those the wire lists. */

/** A Slack bot token of the rule's shape, different for each `i`, assembled at run time. */
function slackToken(i: number): string {
  // Six scrambled characters: a run like `000000` reads as a placeholder, not a token.
  const tail = `Qz7Lm2Vx9Kc4Rt8Wb1${(((i + 1) * 2654435761) % 2176782336).toString(36).padStart(6, 'k')}`;
  return ['xoxb', String(2741093856 + i), String(4820193746512 + i), tail].join('-');
}

function findings(n: number): Finding[] {
  const text = Array.from({ length: n }, (_, i) => `SLACK_${i}=${slackToken(i)}`).join('\n');
  const found = defaultEngine()
    .scan({ path: '.env', text })
    .findings.filter((f) => f.ruleId === 'slack-bot-token');
  assert.equal(found.length, n);
  return found;
}

function workspaceAudit(found: Finding[], omitted = 0): WorkspaceAudit {
  const report = {
    root: '/ws',
    findings: found,
    skipped: [],
    notes: [],
    inventory: [],
    filesScanned: 1,
    bytesScanned: 100,
    durationMs: 1,
    omitted: {
      total: omitted,
      bySeverity: { error: 0, warning: omitted, info: 0 },
      byCategory: { secret: omitted },
      paths: new Set<string>(),
    },
    maxFindings: found.length,
  } as unknown as Report;
  const folder = { uri: 'file:///ws', name: 'ws', root: '/ws' };
  return { folders: [folder], audits: [{ folder, report }], notes: [], cancelled: false } as unknown as WorkspaceAudit;
}

const COMMIT = { commit: 'a'.repeat(40), date: '2026-01-01T00:00:00Z' };

describe('audit summary: secret counts past the wire cap', function () {
  it('counts live and committed secrets among every kept finding, also those not listed', function () {
    const found = findings(6);
    // The last ones in order: with a cap of 2 on the wire, they are not listed.
    found[3].verification = { state: 'live', provider: 'Slack', checkedAt: '2026-01-01T00:00:00Z' };
    found[4].git = { state: 'committed', ...COMMIT } as Finding['git'];
    found[5].git = { state: 'removed', ...COMMIT } as Finding['git'];
    found[0].git = { state: 'uncommitted' };
    const result = toAuditResult(workspaceAudit(found), 2);
    assert.equal(result.summary.listed, 2);
    assert.equal(result.findings.filter((f) => f.verification || (f.git && f.git.state !== 'uncommitted')).length, 0, 'none listed');
    assert.deepEqual(result.summary.secrets, { live: 1, committed: 2, complete: true });
  });

  it("findings past a folder's maxFindings: the counts are lower bounds", function () {
    const found = findings(2);
    found[1].git = { state: 'committed', ...COMMIT } as Finding['git'];
    const result = toAuditResult(workspaceAudit(found, 40));
    assert.equal(result.summary.findings, 42);
    assert.deepEqual(result.summary.secrets, { live: 0, committed: 1, complete: false });
  });
});
