import type { CancellationToken, ResultProgressReporter, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { auditWorkspace, githubTarget } from '../../app/auditWorkspace';
import { detectCommit } from '../../integrations/github/repository';
import { uploadSarif } from '../../integrations/github/sarifUpload';
import { renderHtml } from '../../report/htmlReport';
import { renderMarkdown } from '../../report/markdownReport';
import { renderSarif } from '../../report/sarifReport';
import type { Report } from '../../report/reportModel';
import type { AuditFinding, GitHubAccess, ReportParams } from '../../protocol/nhiLensProtocol';
import { toAuditFindings } from '../protocolMapping';
import type { WorkspaceState } from '../workspaceState';

const PROGRESS_INTERVAL_MS = 100;

/**
 * The workspace audit over LSP: the audit use case the CLI runs too (app/auditWorkspace), with
 * progress (percent and current file), partial results (findings as files finish) and
 * cancellation from the client; git state in trusted workspaces, GitHub alerts when the client
 * passed a token. Keeps the last report for the report and SARIF requests.
 */
export class AuditService {
  private last?: Report;

  /**
   * Returns the report (the server maps it to the wire with `toAuditResult`); partial results go
   * out already mapped. `progressCancel` is the token of server-created progress (its Cancel button), if any.
   */
  async audit(
    state: WorkspaceState,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    partial?: ResultProgressReporter<AuditFinding[]>,
    progressCancel?: CancellationToken,
    github?: GitHubAccess,
  ): Promise<Report> {
    if (!state.root) throw new Error('open a folder to audit a workspace');
    const root = state.root;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const cancelFromProgress = progressCancel?.onCancellationRequested(() => controller.abort());
    workDone.begin('NHI Lens: auditing workspace', 0, 'listing files…', true);
    let lastReport = 0;
    try {
      const { report } = await auditWorkspace({
        root,
        config: state.config,
        baseline: state.baseline.entries,
        // Running git is running an external program: trusted workspaces only.
        git: state.trusted && 'when-available',
        github,
        signal: controller.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS && p.filesDone < p.filesTotal) return;
          lastReport = now;
          const percent = p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 100;
          workDone.report(percent, `${p.filesDone}/${p.filesTotal} ${p.currentFile ?? ''}`.trim());
        },
        onFindings: (findings) => partial?.report(toAuditFindings(findings)),
        onStage: (message) => workDone.report(100, message),
      });
      this.last = report;
      return report;
    } finally {
      cancel.dispose();
      cancelFromProgress?.dispose();
      workDone.done();
    }
  }

  /** Uploads the last audit's SARIF for the checked-out commit. Throws with a clear message. */
  async uploadSarif(github: GitHubAccess, root: string | undefined): Promise<string> {
    if (!this.last || !root) throw new Error('run NHI Lens: Audit Workspace first');
    const target = githubTarget(github, root);
    if (typeof target === 'string') throw new Error(target);
    const { commitSha, ref } = detectCommit(root, {});
    if (!commitSha || !ref) throw new Error('no commit or branch checked out to attach the SARIF to');
    const done = await uploadSarif(target, { sarif: renderSarif(this.last), commitSha, ref });
    return `Uploaded to ${target.repository} code scanning (upload ${done.id}, ${ref.replace(/^refs\/heads\//, '')} at ${commitSha.slice(0, 7)}).`;
  }

  /** The last audit as Markdown, SARIF or HTML, or null before any audit. */
  report(params: ReportParams): string | null {
    if (!this.last) return null;
    if (params.format === 'sarif') return renderSarif(this.last);
    if (params.format === 'html') return renderHtml(this.last, params.cspSource ? { webview: { cspSource: params.cspSource } } : {});
    return renderMarkdown(this.last);
  }
}
