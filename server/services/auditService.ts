import type { CancellationToken, ResultProgressReporter, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { auditWorkspace, githubTarget, type VerifyOptions } from '../../app/auditWorkspace';
import type { WorkspaceConfig } from '../../engine';
import { detectCommit } from '../../integrations/github/repository';
import { uploadSarif } from '../../integrations/github/sarifUpload';
import { combineReports } from '../../report/combinedReport';
import { renderHtml } from '../../report/htmlReport';
import { renderMarkdown } from '../../report/markdownReport';
import { renderSarifRuns } from '../../report/sarifReport';
import type { Report } from '../../report/reportModel';
import type { AuditFinding, GitHubAccess, ReportParams } from '../../protocol/nhiLensProtocol';
import { MAX_FINDINGS_SENT, toAuditFindings } from '../protocolMapping';
import { DEFAULT_MAX_FINDINGS } from '../../workspace/scan/retainedFindings';
import { StampThread } from '../../workspace/scan/stampPrefetch';
import type { WorkspaceState } from '../workspaceState';

const PROGRESS_INTERVAL_MS = 100;

/** A workspace folder to audit. */
export interface AuditFolder {
  uri: string;
  /** Unique among the folders: the prefix of its paths in a combined report. */
  name: string;
  root: string;
  state: WorkspaceState;
  /** Folders nested inside this one, relative to it: their files are theirs (the innermost folder wins). */
  inner: string[];
}

/** One folder's audit. */
export interface FolderAudit {
  folder: AuditFolder;
  report: Report;
}

/** What one audit request produced, over every folder. */
export interface WorkspaceAudit {
  /** The folders asked for, audited or not (the report formats prefix paths when there are several). */
  folders: AuditFolder[];
  /** The folders audited, in order. */
  audits: FolderAudit[];
  /** Folders that could not be audited, and why. */
  notes: string[];
  cancelled: boolean;
}

/**
 * The workspace audit over LSP: the audit use case the CLI runs too (app/auditWorkspace), once per
 * workspace folder with that folder's config and baseline, under one progress (percent and
 * current file), partial results (findings as files finish) and cancellation from the client;
 * git state in trusted workspaces, GitHub alerts when the client passed a token. Keeps the last
 * audit for the report and SARIF requests.
 */
export class AuditService {
  private last?: WorkspaceAudit;
  /** Looks up the cached files' stamps beside the walk on a warm audit; kept between audits (a thread is dear to start). */
  private readonly stamps = new StampThread();

  /**
   * Audits the folders one after the other (the scan pool already uses every core). Partial
   * results go out already mapped. `progressCancel` is the token of server-created progress (its
   * Cancel button), if any. A folder that fails becomes a note; when every folder fails, throws.
   */
  async audit(
    folders: AuditFolder[],
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    partial?: ResultProgressReporter<AuditFinding[]>,
    progressCancel?: CancellationToken,
    github?: GitHubAccess,
    verify?: VerifyOptions,
  ): Promise<WorkspaceAudit> {
    if (!folders.length) throw new Error('open a folder to audit a workspace');
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const cancelFromProgress = progressCancel?.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested || progressCancel?.isCancellationRequested) controller.abort();
    workDone.begin('NHI Lens: auditing workspace', 0, 'listing files…', true);
    const result: WorkspaceAudit = { folders, audits: [], notes: [], cancelled: false };
    const failures: unknown[] = [];
    let lastReport = 0;
    // Partial results stop at the cap of the answer: a flood of findings must not flood the client.
    let sent = 0;
    try {
      for (const [index, folder] of folders.entries()) {
        if (controller.signal.aborted) break;
        const label = folders.length > 1 ? `${folder.name}: ` : '';
        const percentOf = (fraction: number) => Math.floor(((index + fraction) / folders.length) * 100);
        let sentOfFolder = 0;
        const folderCap = folder.state.config.limits?.maxFindings ?? DEFAULT_MAX_FINDINGS;
        try {
          const { report } = await auditWorkspace({
            root: folder.root,
            config: withFoldersIgnored(folder.state.config, folder.inner),
            baseline: folder.state.baseline.entries,
            // Unchanged files keep their last results (kept in the user's cache folder, never in the workspace).
            cache: true,
            stampThread: this.stamps,
            // Running git is running an external program: trusted workspaces only.
            git: folder.state.trusted && 'when-available',
            github,
            // Verification sends a secret to its provider: never for an untrusted workspace.
            verify: folder.state.trusted ? verify : undefined,
            signal: controller.signal,
            onProgress: (p) => {
              const now = Date.now();
              if (now - lastReport < PROGRESS_INTERVAL_MS && (p.listing || p.filesDone < p.filesTotal)) return;
              lastReport = now;
              // The walk streams: until it has listed every file, the total (and a percentage) is not known.
              if (p.listing) return workDone.report(`${label}${p.filesDone} files… ${p.currentFile ?? ''}`.trim());
              const percent = percentOf(p.filesTotal ? p.filesDone / p.filesTotal : 1);
              workDone.report(percent, `${label}${p.filesDone}/${p.filesTotal} ${p.currentFile ?? ''}`.trim());
            },
            onFindings: (findings) => {
              const room = Math.min(MAX_FINDINGS_SENT - sent, folderCap - sentOfFolder);
              if (!partial || room <= 0) return;
              const batch = findings.slice(0, room);
              sent += batch.length;
              sentOfFolder += batch.length;
              partial.report(toAuditFindings(batch, folder.root));
            },
            onStage: (message) => workDone.report(percentOf(1), `${label}${message}`),
          });
          result.audits.push({ folder, report });
        } catch (error) {
          failures.push(error);
          result.notes.push(`${folder.name}: not audited: ${(error as Error).message}`);
        }
      }
      if (!result.audits.length && failures.length) throw failures[0];
      result.cancelled = controller.signal.aborted;
      this.last = result;
      return result;
    } finally {
      cancel.dispose();
      cancelFromProgress?.dispose();
      workDone.done();
    }
  }

  /**
   * Uploads the last audit's SARIF for each folder's checked-out commit, to the folder's
   * repository. Throws with a clear message when nothing could be uploaded.
   */
  async uploadSarif(github: GitHubAccess): Promise<string> {
    if (!this.last?.audits.length) throw new Error('run NHI Lens: Audit Workspace first');
    const several = this.last.folders.length > 1;
    const done: string[] = [];
    const failed: string[] = [];
    for (const { folder, report } of this.last.audits) {
      const label = several ? `${folder.name}: ` : '';
      try {
        const target = githubTarget(github, folder.root);
        if (typeof target === 'string') throw new Error(target);
        const { commitSha, ref } = detectCommit(folder.root, {});
        if (!commitSha || !ref) throw new Error('no commit or branch checked out to attach the SARIF to');
        const sarif = renderSarifRuns([{ report, ...(several ? { category: categoryOf(folder) } : {}) }]);
        const upload = await uploadSarif(target, { sarif, commitSha, ref });
        done.push(
          `${label}Uploaded to ${target.repository} code scanning (upload ${upload.id}, ${ref.replace(/^refs\/heads\//, '')} at ${commitSha.slice(0, 7)}).`,
        );
      } catch (error) {
        failed.push(`${label}${(error as Error).message}`);
      }
    }
    if (!done.length) throw new Error(failed.join(' '));
    return [...done, ...failed].join(' ');
  }

  /** The last audit as Markdown, SARIF or HTML, or null before any audit. */
  report(params: ReportParams): string | null {
    const last = this.last;
    if (!last?.audits.length) return null;
    const several = last.folders.length > 1;
    if (params.format === 'sarif')
      return renderSarifRuns(last.audits.map(({ folder, report }) => ({ report, ...(several ? { category: categoryOf(folder) } : {}) })));
    const report = several
      ? combineReports(
          last.audits.map(({ folder, report }) => ({ name: folder.name, report })),
          last.notes,
        )
      : last.audits[0].report;
    if (params.format === 'html') return renderHtml(report, params.cspSource ? { webview: { cspSource: params.cspSource } } : {});
    return renderMarkdown(report);
  }
}

/** The GitHub code scanning category of a folder's run (`automationDetails.id`: a trailing `/` keeps ids apart from run ids). */
function categoryOf(folder: AuditFolder): string {
  return `nhi-lens/${folder.name}/`;
}

/**
 * The folder's config with its nested folders' paths ignored, so each file is audited once, by
 * the folder whose config and baseline apply to it. `paths.ignore` is gitignore syntax: the
 * pattern is anchored (a leading `/`, so `!` and `#` are not special), a directory (trailing `/`),
 * its wildcards and a trailing space escaped.
 */
export function withFoldersIgnored(config: WorkspaceConfig, inner: string[]): WorkspaceConfig {
  if (!inner.length) return config;
  const patterns = inner.map((relative) => `/${relative.replace(/[\\*?[]/g, '\\$&').replace(/ $/, '\\ ')}/`);
  return { ...config, paths: { ...config.paths, ignore: [...(config.paths?.ignore ?? []), ...patterns] } };
}
