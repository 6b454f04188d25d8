/**
 * The rule-details page: a read-only Markdown document `nhi-lens-rule:<id>.md` whose text the
 * server renders from the bundled rules (works offline), shown in VS Code's Markdown preview.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RULE_DETAILS_SCHEME, RuleDetailsRequest, RuleListRequest } from '../protocol/nhiLensProtocol';

/** `nhi-lens-rule:aws-access-key-id.md?file=<uri>`: the file picks its folder's rules (its overrides, its own rules). */
export function ruleDetailsUri(ruleId: string, fileUri?: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: RULE_DETAILS_SCHEME,
    path: `${ruleId}.md`,
    query: fileUri ? `file=${encodeURIComponent(fileUri)}` : '',
  });
}

export class RuleDetailsProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ruleId = uri.path.replace(/\.md$/, '');
    const file = new URLSearchParams(uri.query).get('file') ?? undefined;
    const client = this.client();
    if (!client) return `# ${ruleId}\n\nNHI Lens is not running.\n`;
    const details = await client.sendRequest(RuleDetailsRequest.type, { ruleId, ...(file ? { uri: file } : {}) }, token);
    return details?.markdown ?? `# ${ruleId}\n\nNo rule with this id.\n`;
  }
}

/** Opens the page in the Markdown preview (a plain editor where there is no preview). */
export async function showRuleDetails(client: LanguageClient | undefined, ruleId?: string, fileUri?: string): Promise<void> {
  let id = ruleId;
  if (!id) {
    if (!client) return;
    const rules = await client.sendRequest(RuleListRequest.type, {});
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.title, detail: r.category })),
      { placeHolder: 'Which rule?', matchOnDescription: true },
    );
    id = pick?.label;
  }
  if (!id) return;
  const uri = ruleDetailsUri(id, fileUri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'markdown'), { preview: true });
  }
}
