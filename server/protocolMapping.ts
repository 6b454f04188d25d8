/**
 * The server's edge: engine objects become the wire shapes of protocol/ here, and nowhere else.
 * Findings and skip notes go out as they are; `satisfies` makes an engine change that would
 * alter their JSON a compile error here instead of a silent protocol change.
 */
import { IDENTITY_KIND_LABEL, type Finding, type Identity, type SkipNote } from '../engine';
import type { SecretsManager } from '../engine/fixes/secretReplacement';
import type { Report } from '../report/reportModel';
import type { AuditFinding, AuditResult, InventoryItem, NhiLensSettings, SkippedNote } from '../protocol/nhiLensProtocol';

/** The answer to `nhiLens/auditWorkspace`: the audit's report, as the protocol declares it. */
export function toAuditResult(report: Report): AuditResult {
  return {
    summary: {
      files: report.filesScanned,
      bytes: report.bytesScanned,
      findings: report.findings.length,
      skipped: report.skipped.length,
      cancelled: report.cancelled ?? false,
      durationMs: report.durationMs,
    },
    findings: toAuditFindings(report.findings),
    skipped: toSkippedNotes(report.skipped),
    inventory: toInventoryItems(report.inventory),
    notes: report.notes,
  };
}

/** Findings as they are: the JSON also carries `fix`, the engine's quick-fix inputs, which the protocol leaves undeclared. */
export function toAuditFindings(findings: Finding[]): AuditFinding[] {
  return findings satisfies AuditFinding[];
}

/** Skip notes as they are. */
export function toSkippedNotes(skipped: SkipNote[]): SkippedNote[] {
  return skipped satisfies SkippedNote[];
}

/** Inventory rows with the kind's label, so clients need no label table. */
export function toInventoryItems(identities: Identity[]): InventoryItem[] {
  return identities.map((identity) => ({ ...identity, kindLabel: IDENTITY_KIND_LABEL[identity.kind] }) satisfies InventoryItem);
}

// The setting and the engine's list of managers must name the same managers, both ways.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const managersMatch: SameUnion<SecretsManager, NhiLensSettings['secretsManager']> = true;
void managersMatch;
