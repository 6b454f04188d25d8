import * as vscode from 'vscode';

let panel: vscode.WebviewPanel | undefined;

/**
 * Shows the audit's HTML report in a webview: the page is the CLI's self-contained report, its
 * CSP narrowed to the webview; clicking a location opens the file there.
 */
export function showReportPanel(render: (cspSource: string) => Promise<string | undefined>): Promise<void> {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('nhiLens.report', 'NHI Lens report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
    panel.webview.onDidReceiveMessage(async (message: { type?: string; path?: string; line?: number; character?: number }) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (message.type !== 'reveal' || !folder || typeof message.path !== 'string' || message.path.includes('..')) return;
      const position = new vscode.Position(Number(message.line) || 0, Number(message.character) || 0);
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, message.path), {
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
