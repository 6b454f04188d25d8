/**
 * The server's edge: engine objects become the wire shapes of protocol/ here, and nowhere else.
 * Findings and skip notes go out as they are, plus their file's URI; `satisfies` makes an engine change that would
 * alter their JSON a compile error here instead of a silent protocol change.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IDENTITY_KIND_LABEL, inventoryGitNote, type Finding, type Identity, type SkipNote } from '../engine';
import type { SecretsManager } from '../engine/fixes/secretReplacement';
import type { Report } from '../report/reportModel';
import type { AuditFinding, AuditResult, InventoryItem, NhiLensSettings, SkippedNote } from '../protocol/nhiLensProtocol';
import type { WorkspaceAudit } from './services/auditService';

/**
 * The answer to `nhiLens/auditWorkspace`: every folder's report merged, as the protocol declares
 * it. Paths stay relative to their folder; each item's `uri` says which folder.
 */
export function toAuditResult(audit: WorkspaceAudit): AuditResult {
  const reports = audit.audits.map(({ folder, report }) => ({ root: folder.root, name: folder.name, report }));
  const several = audit.folders.length > 1;
  const sum = (count: (r: Report) => number) => reports.reduce((n, { report }) => n + count(report), 0);
  return {
    summary: {
      files: sum((r) => r.filesScanned),
      bytes: sum((r) => r.bytesScanned),
      findings: sum((r) => r.findings.length),
      skipped: sum((r) => r.skipped.length),
      cancelled: audit.cancelled || reports.some(({ report }) => report.cancelled === true),
      durationMs: sum((r) => r.durationMs),
    },
    folders: audit.folders.map(({ uri, name }) => ({ uri, name })),
    findings: reports.flatMap(({ root, report }) => toAuditFindings(report.findings, root)),
    skipped: reports.flatMap(({ root, report }) => toSkippedNotes(report.skipped, root)),
    inventory: reports.flatMap(({ root, report }) => toInventoryItems(report.inventory, root)),
    notes: [...reports.flatMap(({ name, report }) => report.notes.map((n) => (several ? `${name}: ${n}` : n))), ...audit.notes],
  };
}

/** The URI of a file given by its folder-relative `/` path (what findings carry). */
export function fileUriOf(root: string, relative: string): string {
  return pathToFileURL(path.join(root, ...relative.split('/'))).href;
}

/**
 * Findings as they are, with their file's URI: the JSON also carries `fix`, the engine's
 * quick-fix inputs, which the protocol leaves undeclared.
 */
export function toAuditFindings(findings: Finding[], root: string): AuditFinding[] {
  return findings.map((f) => ({ ...f, uri: fileUriOf(root, f.path) }) satisfies AuditFinding);
}

/** Skip notes as they are, with their file's URI. */
export function toSkippedNotes(skipped: SkipNote[], root: string): SkippedNote[] {
  return skipped.map((s) => ({ ...s, uri: fileUriOf(root, s.path) }) satisfies SkippedNote);
}

/** Inventory rows with the kind's label, so clients need no label table, and their file's URI. */
export function toInventoryItems(identities: Identity[], root: string): InventoryItem[] {
  return identities.map(
    (identity) =>
      ({
        ...identity,
        kindLabel: IDENTITY_KIND_LABEL[identity.kind],
        uri: fileUriOf(root, identity.path),
        ...(identity.git ? { exposure: inventoryGitNote(identity.git) } : {}),
      }) satisfies InventoryItem,
  );
}

// The setting and the engine's list of managers must name the same managers, both ways.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const managersMatch: SameUnion<SecretsManager, NhiLensSettings['secretsManager']> = true;
void managersMatch;
