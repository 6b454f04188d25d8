import * as assert from 'node:assert/strict';
import type { Identity } from '../../engine';
import { AuditWorkspaceRequest } from '../../protocol/nhiLensProtocol';
import type { Report } from '../../report/reportModel';
import { MAX_INVENTORY_SENT, toAuditResult } from '../../server/protocolMapping';
import type { WorkspaceAudit } from '../../server/services/auditService';
import { inventoryCountsOf, withheldIdentities } from '../../client/inventoryCounts';
import { statusSummary } from '../../client/statusSummary';
import { LspSession } from './lspHarness';

const identity = (name: string, breadth: Identity['breadth'], credential: Identity['credential'], owner: string | null): Identity =>
  ({
    id: name,
    kind: 'service-account',
    name,
    provider: 'kubernetes',
    path: 'k8s/sa.yaml',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    owner,
    ownerSource: owner ? 'tag' : 'none',
    breadth,
    credential,
    findings: [],
  }) as Identity;

function workspaceAudit(inventory: Identity[]): WorkspaceAudit {
  const report = {
    root: '/ws',
    findings: [],
    skipped: [],
    notes: [],
    inventory,
    filesScanned: 1,
    bytesScanned: 100,
    durationMs: 1,
    omitted: { total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCategory: {}, paths: new Set<string>() },
    maxFindings: 100,
  } as unknown as Report;
  const folder = { uri: 'file:///ws', name: 'ws', root: '/ws' };
  return { folders: [folder], audits: [{ folder, report }], notes: [], cancelled: false } as unknown as WorkspaceAudit;
}

describe('audit result: the inventory sent to the editor is capped, counted in full', () => {
  const all = [
    identity('scoped-owned', 'scoped', 'federated', 'team-a'),
    identity('unknown-static', 'unknown', 'static', null),
    identity('admin-federated', 'admin', 'federated', 'team-b'),
    identity('scoped-unowned', 'scoped', 'federated', null),
    identity('wide-reference', 'wide', 'reference', 'team-c'),
    identity('unknown-none', 'unknown', 'none', null),
  ];

  it('within the cap: every identity, in order, counted, no note', () => {
    const result = toAuditResult(workspaceAudit(all), 10, 10);
    assert.deepEqual(
      result.inventory.map((i) => i.name),
      all.map((i) => i.name),
    );
    assert.deepEqual(result.inventoryCounts, { total: 6, listed: 6, unowned: 3 });
    assert.equal(withheldIdentities(inventoryCountsOf(result)), undefined);
    assert.deepEqual(result.notes, []);
  });

  it('past the cap: the riskiest (admin, wide, then static credentials), in file order; counts of all; a note', () => {
    const result = toAuditResult(workspaceAudit(all), 10, 3);
    assert.deepEqual(
      result.inventory.map((i) => i.name),
      ['unknown-static', 'admin-federated', 'wide-reference'],
    );
    assert.deepEqual(result.inventoryCounts, { total: 6, listed: 3, unowned: 3 });
    assert.ok(result.notes.some((n) => /6 identities in the inventory: the 3 riskiest are listed/.test(n)));
    // What the client shows: a last row with what was left out, and the status counts all unowned.
    assert.deepEqual(withheldIdentities(inventoryCountsOf(result)), {
      label: '… 3 more identities not listed',
      description: 'the 3 riskiest of 6 are; Show Report lists them all',
    });
    const status = statusSummary(result, false);
    assert.match(status.text, /\$\(person\) 3 unowned/);
    assert.match(status.tooltip, /3 identities of 6 with \*\*no owner\*\*/);
  });

  it('a server without counts: the client counts what it was sent', () => {
    const result = toAuditResult(workspaceAudit(all), 10, 10);
    delete result.inventoryCounts;
    assert.deepEqual(inventoryCountsOf(result), { total: 6, listed: 6, unowned: 3 });
  });
});

describe('language server audit: a workspace of more identities than the cap', function () {
  this.timeout(180_000);

  it(`${MAX_INVENTORY_SENT + 10} service accounts: ${MAX_INVENTORY_SENT} sent, the cluster-admin one among them, all counted`, async () => {
    const total = MAX_INVENTORY_SENT + 10;
    const docs = Array.from(
      { length: total },
      (_, i) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: prod\n`,
    );
    // The last one in file order is the riskiest: bound to cluster-admin.
    docs.push(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: sa-${total - 1}\n    namespace: prod\n`,
    );
    const s = await LspSession.start({}, { 'k8s/accounts.yaml': docs.join('---\n') });
    try {
      const result = await s.connection.sendRequest(AuditWorkspaceRequest.type, {});
      assert.equal(result.inventory.length, MAX_INVENTORY_SENT);
      assert.deepEqual(result.inventoryCounts, { total, listed: MAX_INVENTORY_SENT, unowned: total });
      assert.ok(result.inventory.some((i) => i.name === `ServiceAccount/prod/sa-${total - 1}` && i.breadth === 'admin'));
      assert.ok(result.notes.some((n) => n.includes(`${total} identities in the inventory`)));
    } finally {
      await s.stop();
    }
  });
});
