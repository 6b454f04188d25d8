/**
 * Language server entry: one connection, one document manager, and the LSP wiring of the
 * services in ./services (which know nothing of the connection).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { baselineOf, CONFIG_FILE_NAME, type Finding } from '../engine';
import {
  AuditReportRequest,
  AuditWorkspaceRequest,
  Commands,
  UploadSarifRequest,
  DEFAULT_SETTINGS,
  type NhiLensSettings,
} from '../protocol/nhiLensProtocol';
import { SECRETS_MANAGERS, storeCommand, type SecretsManager } from '../engine/fixes/secretReplacement';
import { toAuditResult } from './protocolMapping';
import { AuditService } from './services/auditService';
import { CodeActionService } from './services/codeActionService';
import { DiagnosticsService, toDiagnostic } from './services/diagnosticsService';
import { GitStateCache } from './services/gitStateCache';
import { DEFAULT_BASELINE_FILE, WorkspaceState } from './workspaceState';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let state = new WorkspaceState(undefined);
let settings: NhiLensSettings = DEFAULT_SETTINGS;
let pullDiagnostics = false;
let configurationCapability = false;
let watchedFilesRegistration = false;
const timers = new Map<string, NodeJS.Timeout>();
/** Diagnostics of files the last workspace audit found, by URI (files not open in the editor). */
let auditDiagnostics = new Map<string, Diagnostic[]>();
let auditGeneration = 0;
const DEBOUNCE_MS = 150;

function relativePath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return state.relativePath(fileURLToPath(uri));
}

// Git runs only in trusted workspaces: it is an external program the workspace can configure.
const gitState = new GitStateCache(
  () => (state.trusted ? state.root : undefined),
  () => state.engine,
  () => refreshAll(),
);
const diagnostics = new DiagnosticsService(() => state, relativePath, gitState);
const auditService = new AuditService();
const codeActions = new CodeActionService(() => ({
  settings,
  root: state.root,
  trusted: state.trusted,
  relativePath,
  gitignoreUri: () => (state.root ? pathToFileURL(path.join(state.root, '.gitignore')).href : undefined),
  gitignoreText: () => {
    const file = state.root && path.join(state.root, '.gitignore');
    return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  },
}));

function reportProblems(): void {
  for (const problem of state.problems) {
    connection.console.error(`nhi-lens: ${problem}`);
    // A notification, not window/showMessageRequest: some clients do not answer requests.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `NHI Lens: ${problem}` });
  }
}

function publish(document: TextDocument): void {
  if (pullDiagnostics) return;
  const items = settings.enable ? diagnostics.report(document).diagnostics : [];
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: items });
}

function schedule(document: TextDocument): void {
  clearTimeout(timers.get(document.uri));
  timers.set(
    document.uri,
    setTimeout(() => {
      timers.delete(document.uri);
      publish(document);
    }, DEBOUNCE_MS),
  );
}

/** Re-check everything after a config, baseline or settings change. */
function refreshAll(): void {
  diagnostics.clear();
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else for (const d of documents.all()) publish(d);
}

async function loadSettings(): Promise<void> {
  if (!configurationCapability) return;
  const raw = (await connection.workspace.getConfiguration('nhiLens')) as Partial<NhiLensSettings> | null;
  const manager = SECRETS_MANAGERS.includes(raw?.secretsManager as SecretsManager) ? raw!.secretsManager! : DEFAULT_SETTINGS.secretsManager;
  settings = { enable: raw?.enable ?? true, secretsManager: manager, owner: typeof raw?.owner === 'string' ? raw.owner : '' };
}

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  const trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
  state = new WorkspaceState(folder?.startsWith('file:') ? fileURLToPath(folder) : undefined, trusted);
  state.reload();
  const caps = params.capabilities;
  pullDiagnostics = !!caps.textDocument?.diagnostic;
  configurationCapability = !!caps.workspace?.configuration;
  watchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  workDoneProgressCapability = !!caps.window?.workDoneProgress;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
      executeCommandProvider: { commands: [Commands.storeCommand, Commands.addToBaseline] },
      ...(pullDiagnostics
        ? { diagnosticProvider: { identifier: 'nhi-lens', interFileDependencies: false, workspaceDiagnostics: true } }
        : {}),
    },
    serverInfo: { name: 'nhi-lens' },
  };
});

connection.onInitialized(async () => {
  reportProblems();
  if (watchedFilesRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*baseline*.json' }],
    });
  }
  if (configurationCapability) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'nhiLens' });
  await loadSettings();
  refreshAll();
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  refreshAll();
});

connection.onDidChangeWatchedFiles((params) => {
  const watched = new Set([state.configFile, state.baselineFile].filter(Boolean).map((f) => pathToFileURL(f!).href));
  if (!params.changes.some((c) => watched.has(c.uri))) return;
  state.reload();
  gitState.invalidate(); // other rules find other secrets in the past versions
  reportProblems();
  refreshAll();
});

documents.onDidOpen((e) => publish(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  diagnostics.forget(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: auditDiagnostics.get(e.document.uri) ?? [] });
});

connection.languages.diagnostics.on((params, token): DocumentDiagnosticReport => {
  const document = documents.get(params.textDocument.uri);
  if (!document || !settings.enable || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const report = diagnostics.report(document);
  if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
});

connection.languages.diagnostics.onWorkspace((params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  if (!settings.enable || token.isCancellationRequested) return { items };
  for (const document of documents.all()) {
    const report = diagnostics.report(document);
    items.push(
      previous.get(document.uri) === report.resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: document.uri, version: document.version, resultId: report.resultId }
        : {
            kind: DocumentDiagnosticReportKind.Full,
            uri: document.uri,
            version: document.version,
            resultId: report.resultId,
            items: report.diagnostics,
          },
    );
  }
  const resultId = `audit:${state.generation}:${auditGeneration}`;
  for (const [uri, list] of auditDiagnostics) {
    if (documents.get(uri)) continue;
    items.push(
      previous.get(uri) === resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
        : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: list },
    );
  }
  return { items };
});

connection.onCodeAction((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || token.isCancellationRequested) return null;
  return codeActions.actionsFor(document, params.context.diagnostics);
});

connection.onCodeActionResolve((action) => {
  const uri = (action.data as { uri?: string } | undefined)?.uri;
  return codeActions.resolve(action, uri ? documents.get(uri) : undefined);
});

connection.onExecuteCommand(async (params) => {
  const args = params.arguments ?? [];
  if (params.command === Commands.storeCommand) {
    const [uri, range, manager, keyName] = args as [
      string,
      { start: { line: number; character: number }; end: { line: number; character: number } },
      SecretsManager,
      string | null,
    ];
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || !range?.start || !range.end || !SECRETS_MANAGERS.includes(manager)) return null;
    // The value goes back to the client that asked (for the clipboard) and nowhere else.
    return storeCommand(manager, keyName ?? undefined, document.getText(range)) ?? null;
  }
  if (params.command === Commands.addToBaseline) {
    const [uri, fingerprint, ruleId] = args as unknown[];
    if (typeof uri !== 'string' || typeof fingerprint !== 'string' || typeof ruleId !== 'string') return false;
    return addToBaseline(uri, fingerprint, ruleId);
  }
  return null;
});

/** Adds one finding to the baseline file through a workspace edit, and applies it at once. */
async function addToBaseline(uri: string, fingerprint: string, ruleId: string): Promise<boolean> {
  const file = state.baselineFile;
  if (!file) return false;
  const entry = { fingerprint, ruleId, path: relativePath(uri) };
  const current = state.baseline.entries;
  if (current.some((e) => e.fingerprint === fingerprint && e.path === entry.path)) return true;
  const content = `${JSON.stringify(baselineOf([...current, entry].map((e) => ({ ...e }) as unknown as Finding)), null, 2)}\n`;
  const target = pathToFileURL(file).href;
  const exists = fs.existsSync(file);
  const old = exists ? fs.readFileSync(file, 'utf8') : '';
  const oldLines = old.split('\n');
  const end = { line: oldLines.length - 1, character: oldLines[oldLines.length - 1].length };
  const result = await connection.workspace.applyEdit({
    label: `Accept ${ruleId} into ${path.basename(file) || DEFAULT_BASELINE_FILE}`,
    edit: {
      documentChanges: [
        ...(exists ? [] : [{ kind: 'create' as const, uri: target, options: { ignoreIfExists: true } }]),
        { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: content }] },
      ],
    },
  });
  if (!result.applied) return false;
  state.acceptIntoBaseline(entry);
  refreshAll();
  return true;
}

let workDoneProgressCapability = false;

connection.onRequest(AuditWorkspaceRequest.type, async (params, token) => {
  const workDone =
    params.workDoneToken !== undefined || !workDoneProgressCapability
      ? connection.languages.attachWorkDoneProgress(params)
      : await connection.window.createWorkDoneProgress();
  const partial = connection.languages.attachPartialResultProgress(AuditWorkspaceRequest.partialResult, params);
  const cancelled = 'token' in workDone ? (workDone as { token: typeof token }).token : undefined;
  const report = await auditService.audit(state, token, workDone, partial, cancelled, params.github);
  auditGeneration++;
  const byUri = new Map<string, Diagnostic[]>();
  for (const f of report.findings) {
    const uri = pathToFileURL(path.join(state.root!, f.path)).href;
    byUri.set(uri, [...(byUri.get(uri) ?? []), toDiagnostic(f)]);
  }
  const previous = auditDiagnostics;
  auditDiagnostics = byUri;
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else {
    for (const uri of previous.keys())
      if (!byUri.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, list] of byUri) if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: list });
  }
  return toAuditResult(report);
});

connection.onRequest(AuditReportRequest.type, (params) => {
  const content = auditService.report(params);
  return content === null ? null : { content };
});

connection.onRequest(UploadSarifRequest.type, async (params) => {
  try {
    return { message: await auditService.uploadSarif(params, state.root) };
  } catch (error) {
    throw new ResponseError(ErrorCodes.InvalidRequest, (error as Error).message);
  }
});

// One failed request must not take the server down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`nhi-lens: ${(reason as Error)?.message ?? String(reason)}`));

documents.listen(connection);
connection.listen();
