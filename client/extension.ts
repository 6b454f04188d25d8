/**
 * VS Code client: starts the bundled language server and adds the commands and the status
 * bar item. Detection, fixes and the audit all live in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  AuditReportRequest,
  AuditWorkspaceRequest,
  ClientCommands,
  Commands,
  RULE_DETAILS_SCHEME,
  UploadSarifRequest,
  type AuditResult,
  type GitHubAccess,
  type InitializationOptions,
} from '../protocol/nhiLensProtocol';
import { githubAccess } from './githubAccess';
import { InventoryTree, type GroupBy } from './inventoryTree';
import { inventoryCountsOf } from './inventoryCounts';
import { showReportPanel } from './reportPanel';
import { reportPathTarget } from './reportPaths';
import { RuleDetailsProvider, showRuleDetails } from './ruleDetails';
import { statusSummary } from './statusSummary';
import { storeAndReplace } from './storeAndReplace';

let client: LanguageClient | undefined;
let lastAudit: AuditResult | undefined;
let lastAuditAt: Date | undefined;
let auditing = false;
let status: vscode.StatusBarItem | undefined;
const inventory = new InventoryTree();

const CONFIG_TEMPLATE = `# NHI Lens workspace configuration (schema: rules/config.schema.json of the extension)
# overrides:
#   generic-secret-assignment: { severity: info }
# disable: []
paths:
  ignore: []
# baseline: .nhi-lens-baseline.json
iac:
  ownerTags: [owner, team, maintainer, contact]
`;

/** Restarts the server after a crash (a few times) and says so, instead of failing silently. */
function errorHandler(name: string): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > 3 * 60_000) crashes.shift();
      if (crashes.length > 4) {
        void vscode.window.showErrorMessage(
          `${name} stopped after crashing ${crashes.length} times in 3 minutes. Run "Developer: Reload Window" to start it again.`,
        );
        return { action: CloseAction.DoNotRestart };
      }
      void vscode.window.showWarningMessage(`${name} crashed and was restarted.`);
      return { action: CloseAction.Restart };
    },
  };
}

/** The status item: what the last audit found that VS Code's own counters do not say (see statusSummary.ts). */
function updateStatus(): void {
  if (!status) return;
  const summary = statusSummary(lastAudit, auditing, lastAuditAt);
  status.text = summary.text;
  status.tooltip = new vscode.MarkdownString(summary.tooltip, true);
  status.command = summary.command;
  status.show();
}

/**
 * With `nhiLens.verify: ask`, asks before each audit whether secrets may be checked with their
 * own providers (each value goes only to its provider's endpoint). Untrusted workspaces never verify.
 */
async function verifyAgreed(): Promise<boolean> {
  if (!vscode.workspace.isTrusted || vscode.workspace.getConfiguration('nhiLens').get<string>('verify') !== 'ask') return false;
  const choice = await vscode.window.showInformationMessage(
    'NHI Lens: check which secrets are live?',
    {
      modal: true,
      detail:
        "Each secret is sent only to its own provider's official endpoint (AWS STS for AWS keys, GitHub for GitHub tokens…), which answers whether it works and whose it is.",
    },
    'Verify',
    'Audit without verifying',
  );
  return choice === 'Verify';
}

async function auditWorkspace(github?: GitHubAccess): Promise<void> {
  if (!client) return;
  const c = client;
  const verify = await verifyAgreed();
  const params = { ...(github ? { github } : {}), ...(verify ? { verify } : {}) };
  auditing = true;
  updateStatus();
  let result: AuditResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'NHI Lens: auditing workspace', cancellable: true },
      (_progress, token) => c.sendRequest(AuditWorkspaceRequest.type, params, token),
    );
  } finally {
    auditing = false;
    updateStatus();
  }
  lastAudit = result;
  lastAuditAt = new Date();
  updateStatus();
  inventory.update(result.inventory ?? [], inventoryCountsOf(result));
  for (const note of result.notes ?? []) void vscode.window.showWarningMessage(`NHI Lens: ${note}`);
  const { summary } = result;
  const verb = summary.cancelled ? 'Audit cancelled after' : 'Audited';
  const choice = await vscode.window.showInformationMessage(
    `NHI Lens: ${verb} ${summary.files} files: ${summary.findings} findings.`,
    'Show Report',
    'Export SARIF',
  );
  if (choice === 'Show Report') await showReport();
  if (choice === 'Export SARIF') await exportSarif();
}

async function showReport(): Promise<void> {
  if (!client) return;
  if (!lastAudit) {
    await auditWorkspace();
    if (!lastAudit) return;
  }
  const c = client;
  await showReportPanel(
    async (cspSource) => (await c.sendRequest(AuditReportRequest.type, { format: 'html', cspSource }))?.content,
    revealTarget,
  );
}

/** The file a path of the last audit's report names, in the folder it belongs to. */
function revealTarget(reportPath: string): vscode.Uri | undefined {
  const folders = lastAudit?.folders?.length
    ? lastAudit.folders
    : (vscode.workspace.workspaceFolders ?? []).slice(0, 1).map((f) => ({ uri: f.uri.toString(), name: f.name }));
  const target = reportPathTarget(reportPath, folders);
  return target && vscode.Uri.joinPath(vscode.Uri.parse(target.folderUri), target.path);
}

async function showMarkdownReport(): Promise<void> {
  if (!client) return;
  if (!lastAudit) {
    await auditWorkspace();
    if (!lastAudit) return;
  }
  const report = await client.sendRequest(AuditReportRequest.type, { format: 'markdown' });
  if (!report) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.content });
  await vscode.window.showTextDocument(doc);
}

async function auditWithGitHub(): Promise<void> {
  const github = await githubAccess();
  if (github) await auditWorkspace(github);
}

async function uploadSarif(): Promise<void> {
  if (!client) return;
  if (!lastAudit) await auditWorkspace();
  const github = await githubAccess();
  if (!github) return;
  try {
    const { message } = await client.sendRequest(UploadSarifRequest.type, github);
    void vscode.window.showInformationMessage(`NHI Lens: ${message}`);
  } catch (error) {
    void vscode.window.showErrorMessage(`NHI Lens: ${(error as Error).message}`);
  }
}

async function groupInventory(): Promise<void> {
  const pick = await vscode.window.showQuickPick(['kind', 'owner', 'file'], { placeHolder: 'Group the NHI inventory by' });
  if (pick) inventory.setGroupBy(pick as GroupBy);
}

async function exportSarif(): Promise<void> {
  if (!client) return;
  if (!lastAudit) await auditWorkspace();
  const report = await client.sendRequest(AuditReportRequest.type, { format: 'sarif' });
  if (!report) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder && vscode.Uri.joinPath(folder, 'nhi-lens.sarif'),
    filters: { SARIF: ['sarif', 'json'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(report.content, 'utf8'));
  void vscode.window.showInformationMessage(`NHI Lens: SARIF written to ${vscode.workspace.asRelativePath(target)}.`);
}

async function createConfig(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showWarningMessage('NHI Lens: open a folder first.');
    return;
  }
  // Each folder of a multi-root workspace has its own config: ask which.
  const folder =
    folders.length === 1 ? folders[0].uri : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create .nhi-lens.yaml in' }))?.uri;
  if (!folder) return;
  const file = vscode.Uri.joinPath(folder, '.nhi-lens.yaml');
  const exists = await vscode.workspace.fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) await vscode.workspace.fs.writeFile(file, Buffer.from(CONFIG_TEMPLATE, 'utf8'));
  await vscode.window.showTextDocument(file);
}

async function setSecretsManager(): Promise<void> {
  const picks = [
    { label: 'env', description: 'environment variables, CI secrets, Kubernetes Secrets' },
    { label: 'aws', description: 'AWS Secrets Manager' },
    { label: 'vault', description: 'HashiCorp Vault' },
    { label: 'azure', description: 'Azure Key Vault' },
    { label: 'gcp', description: 'Google Secret Manager' },
  ];
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Where should quick-fixes read secrets from?' });
  if (pick) await vscode.workspace.getConfiguration('nhiLens').update('secretsManager', pick.label, vscode.ConfigurationTarget.Workspace);
}

/** Copies the manager's store command; the value goes to the clipboard only, never to a log. */
async function copyStoreCommand(uri: string, range: unknown, manager: string, keyName: string | null): Promise<void> {
  if (!client) return;
  const command = await client.sendRequest<string | null>('workspace/executeCommand', {
    command: Commands.storeCommand,
    arguments: [uri, range, manager, keyName],
  });
  if (!command) return;
  await vscode.env.clipboard.writeText(command);
  void vscode.window.showInformationMessage('NHI Lens: command copied. Run it in a terminal you trust, then clear your clipboard.');
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const outputChannel = vscode.window.createOutputChannel('NHI Lens');
  // stdio, not IPC: over IPC Node parses every message before the server sees it, so a 200 MB
  // document would be copied and parsed whole; over stdio the server drops a document too large
  // to scan from the bytes (server/oversizedMessages.ts) and coalesces edit bursts before parsing.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{.nhi-lens.yaml,*baseline*.json}') },
    // Untrusted workspaces: built-in rules only (a workspace's own regexes are not run).
    initializationOptions: { trusted: vscode.workspace.isTrusted, editorCommands: true } satisfies InitializationOptions,
    errorHandler: errorHandler('NHI Lens server'),
    // The server's log (start-up, settings, audits, config problems): View > Output > NHI Lens.
    outputChannel,
    // Hovers link to the rule-details page through this command, and to nothing else.
    markdown: { isTrusted: { enabledCommands: [ClientCommands.showRuleDetails] } },
  };
  client = new LanguageClient('nhiLens', 'NHI Lens', serverOptions, clientOptions);

  status = vscode.window.createStatusBarItem('nhiLens.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'NHI Lens';
  context.subscriptions.push(
    status,
    outputChannel,
    vscode.workspace.registerTextDocumentContentProvider(RULE_DETAILS_SCHEME, new RuleDetailsProvider(() => client)),
    vscode.commands.registerCommand('nhiLens.showRuleDetails', (ruleId?: string, uri?: string) => showRuleDetails(client, ruleId, uri)),
    vscode.commands.registerCommand('nhiLens.storeAndReplace', (uri: string, diagnostic: Parameters<typeof storeAndReplace>[2]) =>
      storeAndReplace(client, uri, diagnostic),
    ),
    vscode.commands.registerCommand('nhiLens.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('nhiLens.auditWorkspace', () => auditWorkspace()),
    vscode.commands.registerCommand('nhiLens.auditWithGitHub', auditWithGitHub),
    vscode.commands.registerCommand('nhiLens.uploadSarif', uploadSarif),
    vscode.commands.registerCommand('nhiLens.showReport', showReport),
    vscode.commands.registerCommand('nhiLens.showMarkdownReport', showMarkdownReport),
    vscode.commands.registerCommand('nhiLens.inventory.groupBy', groupInventory),
    vscode.window.registerTreeDataProvider('nhiLens.inventory', inventory),
    vscode.commands.registerCommand('nhiLens.exportSarif', exportSarif),
    vscode.commands.registerCommand('nhiLens.createConfig', createConfig),
    vscode.commands.registerCommand('nhiLens.setSecretsManager', setSecretsManager),
    vscode.commands.registerCommand('nhiLens.copyStoreCommand', copyStoreCommand),
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
  );
  updateStatus();
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
