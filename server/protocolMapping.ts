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
 * How many findings, and skip notes, an audit sends the editor at most (partial results and the
 * answer alike). A repository with 66,000 findings would otherwise send 100 MB of JSON that the
 * client must parse and hold; nobody reads past the first thousands in a list. The summary still
 * counts them all, a note says so, and the report (Markdown, HTML, SARIF) lists up to
 * `limits.maxFindings`.
 */
export const MAX_FINDINGS_SENT = 5_000;

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * How many identities an audit sends the editor's inventory view at most. A tree of generated
 * manifests can declare tens of thousands; the view is for people, and every row is a tree item
 * the client must build. Past the cap the riskiest are sent (admin, then wide permissions; static
 * credentials; no owner), `inventoryCounts` counts them all, and a note says where to see the rest.
 */
export const MAX_INVENTORY_SENT = 5_000;

const BREADTH_RANK = { admin: 0, wide: 1, unknown: 2, scoped: 3 } as const;
const CREDENTIAL_RANK = { static: 0, none: 1, reference: 2, federated: 3 } as const;

/**
 * The answer to `nhiLens/auditWorkspace`: every folder's report merged, as the protocol declares
 * it. Paths stay relative to their folder; each item's `uri` says which folder. Past `maxSent`,
 * the most severe findings are listed and the rest counted.
 */
export function toAuditResult(audit: WorkspaceAudit, maxSent = MAX_FINDINGS_SENT, maxInventory = MAX_INVENTORY_SENT): AuditResult {
  const reports = audit.audits.map(({ folder, report }) => ({ root: folder.root, name: folder.name, report }));
  const several = audit.folders.length > 1;
  const sum = (count: (r: Report) => number) => reports.reduce((n, { report }) => n + count(report), 0);
  const found = reports.flatMap(({ root, report }) => report.findings.map((finding) => ({ root, finding })));
  const listed = mostSevere(found, maxSent);
  const skipped = reports.flatMap(({ root, report }) => report.skipped.map((note) => ({ root, note })));
  const total = sum((r) => r.findings.length + r.omitted.total);
  const notes = [...reports.flatMap(({ name, report }) => report.notes.map((n) => (several ? `${name}: ${n}` : n))), ...audit.notes];
  if (listed.length < found.length)
    notes.unshift(
      `${total} findings: the ${listed.length} most severe are listed here, the rest are counted only; the report (Show Report, Export SARIF) lists up to ${found.length}`,
    );
  if (skipped.length > maxSent) notes.push(`${skipped.length} files or parts not scanned: the first ${maxSent} are listed here`);
  const identities = reports.flatMap(({ root, report }) => toInventoryItems(report.inventory, root));
  const inventory = riskiest(identities, maxInventory);
  if (inventory.length < identities.length)
    notes.push(
      `${identities.length} identities in the inventory: the ${inventory.length} riskiest are listed in the NHI Inventory view; the report (Show Report) and \`nhi-lens inventory\` list them all`,
    );
  return {
    summary: {
      files: sum((r) => r.filesScanned),
      bytes: sum((r) => r.bytesScanned),
      findings: total,
      listed: listed.length,
      secrets: {
        live: found.filter(({ finding }) => finding.category === 'secret' && finding.verification?.state === 'live').length,
        committed: found.filter(({ finding }) => finding.category === 'secret' && finding.git && finding.git.state !== 'uncommitted')
          .length,
        complete: reports.every(({ report }) => !report.omitted.total),
      },
      skipped: skipped.length,
      cancelled: audit.cancelled || reports.some(({ report }) => report.cancelled === true),
      durationMs: sum((r) => r.durationMs),
    },
    folders: audit.folders.map(({ uri, name }) => ({ uri, name })),
    findings: listed.map(({ root, finding }) => toAuditFindings([finding], root)[0]),
    skipped: skipped.slice(0, maxSent).map(({ root, note }) => toSkippedNotes([note], root)[0]),
    inventory,
    inventoryCounts: {
      total: identities.length,
      listed: inventory.length,
      unowned: identities.filter((i) => i.owner === null).length,
    },
    notes,
  };
}

/** The `max` most severe findings, in their order (by folder, file and place); all of them when they fit. */
function mostSevere<T extends { finding: Finding }>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const order = items.map((_, i) => i).sort((a, b) => RANK[items[a].finding.severity] - RANK[items[b].finding.severity] || a - b);
  return order
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}

/** The `max` riskiest identities, in their order (by folder, file and place); all of them when they fit. */
function riskiest(items: InventoryItem[], max: number): InventoryItem[] {
  if (items.length <= max) return items;
  const risk = (i: InventoryItem) => [BREADTH_RANK[i.breadth] ?? 2, CREDENTIAL_RANK[i.credential] ?? 1, i.owner === null ? 0 : 1];
  const keys = items.map(risk);
  const order = items
    .map((_, i) => i)
    .sort((a, b) => keys[a][0] - keys[b][0] || keys[a][1] - keys[b][1] || keys[a][2] - keys[b][2] || a - b);
  return order
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
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
