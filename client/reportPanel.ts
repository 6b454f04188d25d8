import * as vscode from 'vscode';

let panel: vscode.WebviewPanel | undefined;
/** The latest report's resolver: the panel outlives one audit. */
let resolveReveal: (reportPath: string) => vscode.Uri | undefined = () => undefined;

/**
 * Shows the audit's HTML report in a webview: the page is the CLI's self-contained report, its
 * CSP narrowed to the webview; clicking a location opens the file there (`resolve` turns the
 * report's path into the file: which folder depends on the audit).
 */
export function showReportPanel(
  render: (cspSource: string) => Promise<string | undefined>,
  resolve: (reportPath: string) => vscode.Uri | undefined,
): Promise<void> {
  resolveReveal = resolve;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('nhiLens.report', 'NHI Lens report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
    panel.webview.onDidReceiveMessage(async (message: { type?: string; path?: string; line?: number; character?: number }) => {
      if (message.type !== 'reveal' || typeof message.path !== 'string') return;
      const file = resolveReveal(message.path);
      if (!file) return;
      const position = new vscode.Position(Number(message.line) || 0, Number(message.character) || 0);
      await vscode.window.showTextDocument(file, {
        selection: new vscode.Range(position, position),
        viewColumn: vscode.ViewColumn.Beside,
      });
    });
  }
  const current = panel;
  current.reveal();
  return render(current.webview.cspSource).then((html) => {
    if (html) current.webview.html = html;
  });
}
