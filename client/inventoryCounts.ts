/**
 * What the editor knows of the inventory's size. The server sends at most its cap of identities
 * (the riskiest) and counts all of them in `inventoryCounts`; a server without that field sent
 * them all. Pure (no vscode import) so it is tested on its own.
 */
import type { AuditResult } from '../protocol/nhiLensProtocol';

export interface InventoryCounts {
  total: number;
  listed: number;
  unowned: number;
}

export function inventoryCountsOf(audit: Pick<AuditResult, 'inventory' | 'inventoryCounts'>): InventoryCounts {
  const listed = audit.inventory ?? [];
  return audit.inventoryCounts ?? { total: listed.length, listed: listed.length, unowned: listed.filter((i) => i.owner === null).length };
}

/** The inventory view's last row when identities were left out; undefined when it lists them all. */
export function withheldIdentities(counts: InventoryCounts): { label: string; description: string } | undefined {
  const more = counts.total - counts.listed;
  if (more <= 0) return undefined;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    label: `… ${n(more)} more ${more === 1 ? 'identity' : 'identities'} not listed`,
    description: `the ${n(counts.listed)} riskiest of ${n(counts.total)} are; Show Report lists them all`,
  };
}
