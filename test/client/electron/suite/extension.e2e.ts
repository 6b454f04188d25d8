import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Waits for an event-driven condition instead of sleeping a fixed time. */
async function until<T>(what: string, probe: () => T | undefined | false, ms = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        sub.dispose();
        resolve();
      });
      setTimeout(() => {
        sub.dispose();
        resolve();
      }, 250);
    });
  }
}

const root = () => vscode.workspace.workspaceFolders![0].uri;
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nhi-lens');

describe('NHI Lens in VS Code', () => {
  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension('nhi-lens.nhi-lens')!;
    await extension.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'nhiLens.auditWorkspace',
      'nhiLens.showReport',
      'nhiLens.exportSarif',
      'nhiLens.createConfig',
      'nhiLens.setSecretsManager',
    ])
      assert.ok(commands.includes(c), c);
  });

  it('flags the Stripe key of the example service in the Problems panel, masked', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'billing.ts');
    await vscode.window.showTextDocument(uri);
    const [d] = await until('a Stripe diagnostic', () => (ours(uri).length ? ours(uri) : undefined));
    assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'stripe-secret-key');
    assert.equal(d.range.start.line, 3);
    assert.match(d.message, /sk_l…/);
  });

  it('the preferred quick-fix moves the secret to an environment variable in one undoable edit', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'billing.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const [d] = ours(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
      10,
    );
    const preferred = actions.find((a) => a.isPreferred && /Move this secret/.test(a.title))!;
    const resolved = preferred.edit
      ? preferred
      : (
          await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            uri,
            d.range,
            vscode.CodeActionKind.QuickFix.value,
            10,
          )
        ).find((a) => a.isPreferred && a.edit)!;
    assert.ok(await vscode.workspace.applyEdit(resolved.edit!));
    assert.match(document.getText(), /process\.env\.STRIPE/);
    await until('the diagnostic to clear', () => ours(uri).length === 0);
    await vscode.commands.executeCommand('undo');
    await until('the diagnostic to come back', () => ours(uri).length === 1);
  });

  it('audits the workspace and fills the Problems panel with files not open', async () => {
    await vscode.commands.executeCommand('nhiLens.auditWorkspace');
    const pem = vscode.Uri.joinPath(root(), 'config', 'deploy-key.pem');
    await until('audit results for an unopened file', () => ours(pem).length > 0);
  });
});
