import type { CancellationToken, ResultProgressReporter, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { loadBuiltinRules, type Finding, type RuleInfo } from '../../../engine';
import { runAudit, type AuditResult as RunResult } from '../../../cli/auditRunner';
import { renderMarkdown } from '../../../cli/formats/markdownReport';
import { renderSarif } from '../../../cli/formats/sarifReport';
import type { Report } from '../../../cli/formats/reportModel';
import { TOOL_VERSION } from '../../../cli/version';
import type { AuditResult } from '../../../protocol/nhiLensProtocol';
import type { WorkspaceState } from '../workspaceState';

const PROGRESS_INTERVAL_MS = 100;

/**
 * The workspace audit: the CLI's walker and worker threads, with progress (percent and current
 * file), partial results (findings as files finish) and cancellation from the client.
 */
export class AuditService {
  private last?: { run: RunResult; root: string; rules: RuleInfo[] };

  /** `progressCancel` is the token of server-created progress (its Cancel button), if any. */
  async audit(state: WorkspaceState, token: CancellationToken, workDone: WorkDoneProgressReporter, partial?: ResultProgressReporter<Finding[]>, progressCancel?: CancellationToken): Promise<AuditResult> {
    if (!state.root) throw new Error('open a folder to audit a workspace');
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const cancelFromProgress = progressCancel?.onCancellationRequested(() => controller.abort());
    workDone.begin('NHI Lens: auditing workspace', 0, 'listing files…', true);
    let lastReport = 0;
    try {
      const run = await runAudit({
        targets: [state.root],
        root: state.root,
        setup: { rules: loadBuiltinRules(), config: state.config, baseline: state.baseline.entries, root: state.root },
        gitignore: true,
        signal: controller.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS && p.filesDone < p.filesTotal) return;
          lastReport = now;
          const percent = p.filesTotal ? Math.floor((p.filesDone / p.filesTotal) * 100) : 100;
          workDone.report(percent, `${p.filesDone}/${p.filesTotal} ${p.currentFile ?? ''}`.trim());
        },
        onFindings: (findings) => { const shown = findings.filter((f) => !f.baselined); if (shown.length) partial?.report(shown); },
      });
      const findings = run.findings;
      this.last = { run, root: state.root, rules: state.engine.rules };
      const shown = findings.filter((f) => !f.baselined);
      return {
        summary: { files: run.filesScanned, bytes: run.bytesScanned, findings: shown.length, skipped: run.skipped.length, cancelled: run.cancelled, durationMs: run.durationMs },
        findings: shown,
        skipped: run.skipped,
      };
    } finally {
      cancel.dispose();
      cancelFromProgress?.dispose();
      workDone.done();
    }
  }

  /** The last audit as Markdown or SARIF, or null before any audit. */
  report(format: 'markdown' | 'sarif'): string | null {
    if (!this.last) return null;
    const { run, root, rules } = this.last;
    const shown = run.findings.filter((f) => !f.baselined);
    const report: Report = { toolVersion: TOOL_VERSION, root, findings: shown, baselined: run.findings.length - shown.length, suppressed: run.suppressed, skipped: run.skipped, filesScanned: run.filesScanned, bytesScanned: run.bytesScanned, durationMs: run.durationMs, rules, cancelled: run.cancelled };
    return format === 'sarif' ? renderSarif(report) : renderMarkdown(report);
  }
}
