import type { CancellationToken, ResultProgressReporter, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { loadBuiltinRules } from '../../engine';
import { runAudit } from '../../workspace/scan/scanPool';
import { annotateGitState, applyGitAdvice } from '../../workspace/git/secretHistory';
import { GITHUB_API_URL, type GitHubTarget } from '../../integrations/github/githubApi';
import { detectCommit, detectRepository } from '../../integrations/github/repository';
import { uploadSarif } from '../../integrations/github/sarifUpload';
import { addGitHubAlerts } from '../../integrations/github/secretScanning';
import { renderHtml } from '../../report/htmlReport';
import { renderMarkdown } from '../../report/markdownReport';
import { renderSarif } from '../../report/sarifReport';
import { addInventory, reportOf, type Report } from '../../report/reportModel';
import type { AuditFinding, GitHubAccess, ReportParams } from '../../protocol/nhiLensProtocol';
import { toAuditFindings } from '../protocolMapping';
import type { WorkspaceState } from '../workspaceState';

const PROGRESS_INTERVAL_MS = 100;

/**
 * The workspace audit: the CLI's walker and worker threads, with progress (percent and current
 * file), partial results (findings as files finish) and cancellation from the client; then git
 * state (trusted workspaces), GitHub alerts (when the client passed a token) and the inventory.
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
      const run = await runAudit({
        targets: [root],
        root,
        setup: { rules: loadBuiltinRules(), config: state.config, baseline: state.baseline.entries, root, inventory: true },
        gitignore: true,
        signal: controller.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS && p.filesDone < p.filesTotal) return;
          lastReport = now;
          const percent = p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 100;
          workDone.report(percent, `${p.filesDone}/${p.filesTotal} ${p.currentFile ?? ''}`.trim());
        },
        onFindings: (findings) => {
          const shown = findings.filter((f) => !f.baselined);
          if (shown.length) partial?.report(toAuditFindings(shown));
        },
      });
      const report = reportOf(run, root, state.engine.rules);
      const shown = report.findings;
      // Running git is running an external program: trusted workspaces only.
      if (state.trusted && !run.cancelled && shown.some((f) => f.category === 'secret')) {
        workDone.report(100, 'checking secrets against git history…');
        if (await annotateGitState(root, shown, state.engine)) applyGitAdvice(shown);
      }
      if (github && !run.cancelled) {
        workDone.report(100, 'fetching GitHub secret-scanning alerts…');
        const target = targetOf(github, root);
        if (typeof target === 'string') report.notes.push(target);
        else await addGitHubAlerts(report, target);
      }
      addInventory(report, run.identities);
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
    const target = targetOf(github, root);
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

function targetOf(github: GitHubAccess, root: string): GitHubTarget | string {
  const repository = github.repository ?? detectRepository(root, {});
  if (!repository) return 'GitHub: no repository found (set nhiLens.github.repository, or add an origin remote)';
  return { token: github.token, repository, baseUrl: github.baseUrl || GITHUB_API_URL };
}
