import type { BaselineEntry, Engine, Finding, WorkspaceConfig } from '../engine';
import { orderByExposure, reportOf, type Report } from '../report/reportModel';
import { createEngine } from '../workspace/engineFactory';
import { fingerprintsInBlobs, scanBlobs, stagedChanges } from '../workspace/git/changedFiles';
import { applyGitAdvice } from '../workspace/git/secretHistory';
import { RetainedFindings } from '../workspace/scan/retainedFindings';

/** A pre-commit check: the staged changes of one folder, with its config and baseline. */
export interface StagedAuditRequest {
  root: string;
  config: WorkspaceConfig;
  baseline: BaselineEntry[];
  maxFindings?: number;
}

/**
 * Audits what `git commit` would record, and only that: the staged version of each changed file
 * (read from the index with `git cat-file`, never the working tree, which may hold other edits),
 * reporting the findings it introduces. A finding already in HEAD's version of any changed file
 * (same fingerprint) is not new: moving or reformatting an old secret does not block a commit.
 * Secrets found are `uncommitted`: "remove it before committing". Throws when git cannot list
 * the staged changes (not a repository).
 */
export async function auditStaged(request: StagedAuditRequest): Promise<{ report: Report; engine: Engine }> {
  const started = Date.now();
  const { root, config, baseline } = request;
  const engine = createEngine({ config, baseline, root });
  const changes = await stagedChanges(root);
  if (!changes) throw new Error(`${root}: not a git repository (or git is not installed): nothing staged to check`);
  const wanted = changes.filter((c) => !engine.isIgnoredPath(c.path));
  const before = await fingerprintsInBlobs(
    root,
    engine,
    wanted.flatMap((c) => (c.before ? [{ path: c.path, sha: c.before }] : [])),
  );
  const retained = new RetainedFindings(request.maxFindings ?? config.limits?.maxFindings ?? Infinity);
  let files = 0;
  const bytes = await scanBlobs(
    root,
    engine,
    wanted.flatMap((c) => (c.after ? [{ path: c.path, sha: c.after }] : [])),
    (_path, findings) => {
      files++;
      retained.add(findings.filter((f) => !before.has(f.fingerprint)));
    },
  );
  const findings: Finding[] = retained.findings();
  for (const f of findings) if (f.category === 'secret') f.git = { state: 'uncommitted' };
  applyGitAdvice(findings);
  const report = reportOf(
    {
      findings,
      baselined: retained.baselined,
      omitted: retained.omitted,
      maxFindings: retained.cap,
      identities: [],
      skipped: [],
      filesScanned: files,
      bytesScanned: bytes,
      suppressed: 0,
      cancelled: false,
      durationMs: Date.now() - started,
    },
    root,
    engine.rules,
  );
  orderByExposure(report);
  return { report, engine };
}
