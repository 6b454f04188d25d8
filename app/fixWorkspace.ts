import * as path from 'node:path';
import type { BaselineEntry, Engine, Finding, OffsetEdit, SkipNote, WorkspaceConfig } from '../engine';
import { fixesFor, type FixKind, type FixProposal } from '../engine/fixes/fixProposals';
import type { SecretsManager } from '../engine/fixes/secretReplacement';
import { readCodeOwners } from '../workspace/codeOwnersFile';
import { replaceFileIfUnchanged, snapshotFile, type FileSnapshot } from '../workspace/files/fileReplacer';
import type { AuditProgress } from '../workspace/scan/scanPool';
import { auditWorkspace } from './auditWorkspace';

/** The fixes `nhi-lens fix` writes without asking: each keeps the file working. */
const UNATTENDED: FixKind[] = ['oidc', 'owner-tag', 'secret-to-manager'];

/** What to fix and how, as the CLI asks for it. */
export interface FixRequest {
  /** Folder that paths are relative to (config and baseline live here). */
  root: string;
  /** Files and folders to fix; default: the root. */
  targets?: string[];
  config: WorkspaceConfig;
  baseline: BaselineEntry[];
  gitignore?: boolean;
  jobs?: number;
  /** Where rewritten secrets are read from. */
  manager: SecretsManager;
  /** The owner for owner tags; else the CODEOWNERS owner of the file; else the fix is held. */
  owner?: string;
  signal?: AbortSignal;
  onProgress?: (progress: AuditProgress) => void;
}

/** One finding and the fix chosen for it. */
export interface ChosenFix {
  finding: Finding;
  proposal: FixProposal;
}

/** A safe fix that is not in the plan, and why (it needs input, or collides with another). */
export interface HeldFix extends ChosenFix {
  reason: string;
}

/** A secret's value and its masked form, so previews can show the one instead of the other. */
export interface SecretMask {
  value: string;
  masked: string;
}

/** The change planned for one file. */
export interface FileFix {
  /** Relative to the root, with `/`. */
  path: string;
  snapshot: FileSnapshot;
  /** The text as read (without a BOM) and as it will be written (the BOM is kept on write). */
  before: string;
  after: string;
  bom: boolean;
  fixes: ChosenFix[];
  /** The file's findings before the fix (not baselined): what the re-audit is compared with. */
  findings: Finding[];
  /** Every secret value in the file: a preview must never print one. */
  secrets: SecretMask[];
}

export interface FixPlan {
  request: FixRequest;
  /** Files with at least one fix, in path order. */
  files: FileFix[];
  held: HeldFix[];
  /** Findings with no safe fix (suppress, narrow or baseline them in the editor, or fix by hand). */
  unfixable: Finding[];
  /** Files left alone and other things to tell the user (no secret values). */
  notes: string[];
  cancelled: boolean;
  engine: Engine;
}

/** How writing one file went, and what the re-audit found in it afterwards. */
export interface FileFixResult {
  path: string;
  written: boolean;
  /** Why it was not written. */
  problem?: string;
  /** Fixes whose finding the re-audit no longer reports. */
  fixed: ChosenFix[];
  /** Fixes written whose finding the re-audit still reports. */
  notFixed: ChosenFix[];
  /** Findings the file had before and still has (no fix tried, or a held fix). */
  remaining: Finding[];
  /** Findings the fixed file has that it did not have before. */
  introduced: Finding[];
  /** What the re-audit could not read (a parse error the edit caused). */
  skipped: SkipNote[];
}

const PRIORITY: Partial<Record<FixKind, number>> = { oidc: 0, 'owner-tag': 1, 'secret-to-manager': 2 };

const keyOf = (f: Finding) => `${f.ruleId}\0${f.fingerprint}`;
const lineOf = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start < b.end && b.start < a.end;
}

const sameEdit = (a: OffsetEdit, b: OffsetEdit) => a.start === b.start && a.end === b.end && a.newText === b.newText;

/**
 * Applies non-overlapping edits. Replacements go before insertions at the same offset (so an
 * insertion lands in front of the new text), and insertions at one offset keep their order.
 */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  let out = text;
  for (const { e } of ordered) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Audits the workspace and plans its safe fixes, writing nothing. Each file with findings is
 * read once and scanned again from those exact bytes, so the edits fit the text they apply to.
 */
export async function planFixes(request: FixRequest): Promise<FixPlan> {
  const { root } = request;
  const outcome = await auditWorkspace({
    root,
    targets: request.targets,
    config: request.config,
    baseline: request.baseline,
    gitignore: request.gitignore,
    jobs: request.jobs,
    inventory: false,
    git: false,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  const { engine, report } = outcome;
  const plan: FixPlan = { request, files: [], held: [], unfixable: [], notes: [...report.notes], cancelled: !!report.cancelled, engine };
  if (report.cancelled) return plan;
  const codeOwners = request.owner?.trim() ? undefined : readCodeOwners(root);
  const paths = [...new Set(report.findings.map((f) => f.path))].sort();
  for (const relative of paths) {
    const file = planFile(relative, request, engine, (p) => request.owner?.trim() || codeOwners?.ownersOf(p)[0]);
    if (typeof file === 'string') {
      plan.notes.push(`${relative}: ${file}: left alone`);
      continue;
    }
    plan.held.push(...file.held);
    plan.unfixable.push(...file.unfixable);
    if (file.fix) plan.files.push(file.fix);
  }
  return plan;
}

function planFile(
  relative: string,
  request: FixRequest,
  engine: Engine,
  ownerOf: (path: string) => string | undefined,
): { fix?: FileFix; held: HeldFix[]; unfixable: Finding[] } | string {
  const snapshot = snapshotFile(path.resolve(request.root, relative), engine.maxFileBytes);
  if (typeof snapshot === 'string') return snapshot;
  const decoded = snapshot.bytes.toString('utf8');
  const bom = decoded.charCodeAt(0) === 0xfeff;
  const before = bom ? decoded.slice(1) : decoded;
  // Rewriting a file that is not valid UTF-8 would replace its other bytes too.
  if (!Buffer.from(decoded, 'utf8').equals(snapshot.bytes)) return 'not valid UTF-8';
  const scanned = engine.scan({ path: relative, text: before }).findings;
  const findings = scanned.filter((f) => !f.baselined);
  const held: HeldFix[] = [];
  const unfixable: Finding[] = [];
  const candidates: ChosenFix[] = [];
  for (const finding of findings) {
    const proposal = fixesFor(finding, before, { manager: request.manager, owner: () => ownerOf(relative) }).find(
      (p) => p.safe && UNATTENDED.includes(p.kind) && p.edits.length,
    );
    if (!proposal) unfixable.push(finding);
    else if (proposal.needs?.length) held.push({ finding, proposal, reason: needsSentence(proposal) });
    else candidates.push({ finding, proposal });
  }
  candidates.sort(
    (a, b) => (PRIORITY[a.proposal.kind] ?? 9) - (PRIORITY[b.proposal.kind] ?? 9) || a.finding.offsets.start - b.finding.offsets.start,
  );
  const fixes: ChosenFix[] = [];
  const edits: OffsetEdit[] = [];
  for (const candidate of candidates) {
    const fresh = candidate.proposal.edits.filter((e) => !edits.some((d) => sameEdit(d, e)));
    const clash = fixes.find((f) => f.proposal.edits.some((d) => fresh.some((e) => overlaps(d, e))));
    if (clash) {
      held.push({
        ...candidate,
        reason: `overlaps the fix for ${clash.finding.ruleId} at ${lineOf(clash.finding)}: run nhi-lens fix again after it`,
      });
      continue;
    }
    edits.push(...fresh);
    fixes.push(candidate);
  }
  // Baselined secrets are still secrets: a preview's context lines must not show them either.
  const secrets = scanned
    .filter((f) => f.category === 'secret')
    .map((f) => ({ value: before.slice(f.offsets.start, f.offsets.end), masked: f.masked }));
  if (!fixes.length) return { held, unfixable };
  const after = applyEdits(before, edits);
  return { fix: { path: relative, snapshot, before, after, bom, fixes, findings, secrets }, held, unfixable };
}

function needsSentence(proposal: FixProposal): string {
  const needs = proposal.needs ?? [];
  if (needs.includes('owner')) return 'no owner: pass --owner or add a CODEOWNERS entry for this path';
  if (proposal.kind === 'oidc') return `needs your values for ${needs.join(', ')} (the role or identity GitHub's OIDC token is trusted by)`;
  return `needs ${needs.join(', ')}`;
}

/**
 * Writes the planned files (each only if it still holds the bytes the plan was made from),
 * then audits the written files again and tells, per file, which fixes took.
 */
export async function applyFixPlan(plan: FixPlan): Promise<FileFixResult[]> {
  const { request } = plan;
  const results: FileFixResult[] = [];
  const written: FileFix[] = [];
  for (const file of plan.files) {
    const result: FileFixResult = { path: file.path, written: false, fixed: [], notFixed: [], remaining: [], introduced: [], skipped: [] };
    results.push(result);
    try {
      const content = Buffer.from(`${file.bom ? '\ufeff' : ''}${file.after}`, 'utf8');
      if (replaceFileIfUnchanged(file.snapshot, content)) {
        result.written = true;
        written.push(file);
      } else result.problem = 'changed since it was read: not written (run nhi-lens fix again)';
    } catch (error) {
      result.problem = `cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0]}`;
    }
  }
  if (!written.length) return results;
  const { report } = await auditWorkspace({
    root: request.root,
    targets: written.map((f) => f.snapshot.absolute),
    config: request.config,
    baseline: request.baseline,
    gitignore: request.gitignore,
    jobs: 0,
    inventory: false,
    git: false,
  });
  for (const file of written) {
    const result = results.find((r) => r.path === file.path)!;
    const now = report.findings.filter((f) => f.path === file.path);
    const nowKeys = new Set(now.map(keyOf));
    const beforeKeys = new Set(file.findings.map(keyOf));
    const fixedKeys = new Set(file.fixes.map((f) => keyOf(f.finding)));
    for (const fix of file.fixes) (nowKeys.has(keyOf(fix.finding)) ? result.notFixed : result.fixed).push(fix);
    result.remaining = now.filter((f) => beforeKeys.has(keyOf(f)) && !fixedKeys.has(keyOf(f)));
    result.introduced = now.filter((f) => !beforeKeys.has(keyOf(f)));
    result.skipped = report.skipped.filter((s) => s.path === file.path && s.reason !== 'nhi-lens:ignore-file');
  }
  return results;
}
