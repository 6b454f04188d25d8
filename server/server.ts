/**
 * Language server entry: one connection, one document manager, and the LSP wiring of the
 * services in ./services (which know nothing of the connection).
 */
// First: the V8 flags, before the rest of the bundle runs (v8Settings.ts).
import './startV8Settings';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mayRehearse, REHEARSAL_MAX_CHARS } from '../engine/typingRehearsal';
import { baselineOf, CONFIG_FILE_NAME, parseBaseline, RuleError, type BaselineEntry, type Finding } from '../engine';
import { readSettingsFile } from '../workspace/files/boundedFile';
import type { VerifyOptions } from '../app/auditWorkspace';
import { parseEndpointOverrides } from '../integrations/verify/endpoints';
import { VerdictCache } from '../integrations/verify/verdictCache';
import {
  AuditReportRequest,
  AuditWorkspaceRequest,
  Commands,
  UploadSarifRequest,
  DEFAULT_SETTINGS,
  type InitializationOptions,
  type NhiLensSettings,
} from '../protocol/nhiLensProtocol';
import { SECRETS_MANAGERS, storeCommand, type SecretsManager } from '../engine/fixes/secretReplacement';
import { fileUriOf, toAuditResult } from './protocolMapping';
import { AuditService } from './services/auditService';
import { CodeActionService } from './services/codeActionService';
import { DiagnosticsService, toDiagnostic, type DocumentReport } from './services/diagnosticsService';
import { PausedRefresh } from './services/pausedRefresh';
import { REHEARSAL_OFF_ENV, TypingRehearsals } from './services/typingRehearsals';
import { capProblems, problemCapOf } from './services/problemCap';
import { EditorGuide } from './editorGuide';
import { filePathOf, WorkspaceFolders, type WorkspaceFolder } from './workspaceFolders';
import { editorDocuments } from './editorDocument';
import { createServerConnection, reportsEveryMessage } from './serverConnection';

const connection = createServerConnection(() => rehearsals.message());
const documents = new TextDocuments(editorDocuments);
/** Every workspace folder, each with its own config, baseline and git state (replaced at initialize). */
let folders = new WorkspaceFolders(true, refreshFiles);
let settings: NhiLensSettings = DEFAULT_SETTINGS;
let pullDiagnostics = false;
let configurationCapability = false;
let watchedFilesRegistration = false;
let folderChangeNotifications = false;
const timers = new Map<string, NodeJS.Timeout>();
/**
 * Diagnostics of files the last workspace audit found, by URI (files not open in the editor), with
 * the root of their folder. Kept whole: `shownOf` caps what a file shows when it is sent.
 */
let auditDiagnostics = new Map<string, { root: string; items: Diagnostic[] }>();
let auditGeneration = 0;
const DEBOUNCE_MS = 150;

/** As many of a file's diagnostics as `nhiLens.maxProblemsPerFile` lets it show (see services/problemCap.ts). */
const shownOf = (items: Diagnostic[]) => capProblems(items, problemCapOf(settings.maxProblemsPerFile));

const diagnostics = new DiagnosticsService(
  (uri) => folders.scopeOf(uri),
  () => problemCapOf(settings.maxProblemsPerFile),
);
const auditService = new AuditService();
const codeActions = new CodeActionService((uri) => {
  const folder = folders.folderOf(uri);
  const root = folder?.root;
  return {
    settings,
    root,
    baselineFile: folder?.state.baselineFile,
    trusted: folders.trusted,
    relativePath: (other) => folders.scopeOf(other).path,
    gitignoreUri: () => (root ? pathToFileURL(path.join(root, '.gitignore')).href : undefined),
    gitignoreText: () => {
      const file = root && path.join(root, '.gitignore');
      return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    },
    openText: (other) => documents.get(other)?.getText(),
  };
});

/** Hovers, rule details, "Store in the manager and replace" and the server's log (server/editorGuide.ts). */
const guide = new EditorGuide(connection, {
  documents,
  scopeOf: (uri) => folders.scopeOf(uri),
  findings: (document) => reportOf(document).findings,
  settings: () => settings,
  trusted: () => folders.trusted,
});

function reportProblems(folder: WorkspaceFolder): void {
  // With several folders, say which folder's config is broken.
  const where = folders.list().length > 1 ? ` (${folder.name})` : '';
  for (const problem of folder.state.problems) {
    connection.console.error(`nhi-lens${where}: ${problem}`);
    // A notification, not window/showMessageRequest: some clients do not answer requests.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `NHI Lens${where}: ${problem}`,
    });
  }
}

/** Problems already shown to the user by `reportOf`: each once per session. */
const shownFailures = new Set<string>();

/**
 * A document's report, or an empty one when checking it failed (a damaged install, say: the
 * compiled rules' scanner half is read at the first scan). The error is logged and shown once;
 * it never escapes into a timer or a request handler, where it would stop the server (and the
 * client would restart it, fail again, and give up) or answer every pull with an internal error.
 */
function reportOf(document: TextDocument): DocumentReport {
  try {
    return diagnostics.report(document);
  } catch (error) {
    // Only our own rule errors are quoted: another error's message may quote the text it failed on.
    const message =
      error instanceof RuleError
        ? error.problems.join('; ')
        : `an internal error (${(error as Error)?.name ?? 'unknown'}): please report it`;
    connection.console.error(`nhi-lens: could not check ${document.uri}: ${message}`);
    if (!shownFailures.has(message)) {
      shownFailures.add(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `NHI Lens: ${message}` });
    }
    return { resultId: `failed ${document.version}`, key: '', diagnostics: [], findings: [] };
  }
}

function publish(document: TextDocument): void {
  if (pullDiagnostics) return;
  const items = settings.enable ? reportOf(document).diagnostics : [];
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

/** Re-check everything after a settings or workspace folder change. */
function refreshAll(): void {
  diagnostics.clear();
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else for (const d of documents.all()) publish(d);
}

/**
 * Re-check one folder's documents after its config, baseline or git state changed. A pull client
 * re-pulls every document, but the other folders' result ids have not moved: they cost nothing.
 */
function refreshFolder(folder: WorkspaceFolder): void {
  if (!folders.has(folder)) return; // a git read that finished after its folder was removed
  if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  else for (const d of documents.all()) if (folders.folderOf(d.uri) === folder) publish(d);
}

/**
 * Re-check the documents of some files after git told us more about their history. In push mode
 * only those are published, one per turn of the event loop (`publishInTurn`); a pull client
 * re-pulls, and every other document answers `unchanged`. One pass over the open documents for
 * all the files of a git read (one pass per file was 10,000 look-ups for 50 files and 200
 * documents: 0.2 s of the server's thread).
 */
function refreshFiles(folder: WorkspaceFolder, files: readonly string[]): void {
  if (!folders.has(folder)) return; // a git read that finished after its folder was removed
  if (pullDiagnostics) return gitRefresh.request();
  const wanted = new Set(files);
  for (const d of documents.all()) {
    const scope = folders.scopeOf(d.uri);
    if (scope.folder === folder && wanted.has(scope.path)) publishInTurn(d);
  }
}

/**
 * Documents to publish again, one per turn of the event loop: a git read of 50 files answers for
 * all of them at once, and published in one go (a re-check each) they held up the document being
 * typed in, whose debounce timer fired behind them (+0.3 s for a keystroke, with both cores busy).
 */
const publishQueue = new Set<string>();
function publishInTurn(document: TextDocument): void {
  if (publishQueue.size === 0) setImmediate(publishNext);
  publishQueue.add(document.uri);
}
function publishNext(): void {
  const [uri] = publishQueue;
  if (uri === undefined) return;
  publishQueue.delete(uri);
  const document = documents.get(uri);
  if (document) publish(document);
  if (publishQueue.size) setImmediate(publishNext);
}

/**
 * Typing rehearsed into large documents just opened, while the user reads them: the first
 * keystrokes then run code V8 has already optimised (engine/typingRehearsal.ts). The rehearsal
 * starts from the document's report, the one a pull would ask for.
 */
const rehearsals = new TypingRehearsals(
  (uri) => {
    const document = documents.get(uri);
    // (Over a transport that does not tell of each message, a rehearsal could not stop for one.)
    if (!document || !settings.enable || !reportsEveryMessage() || process.env[REHEARSAL_OFF_ENV]) return undefined;
    // Its family known and rehearsed, or too large: no scan for nothing.
    const known = diagnostics.memoOf(uri);
    if ((known && !mayRehearse(known.family)) || document.getText().length > REHEARSAL_MAX_CHARS) return undefined;
    const scope = folders.scopeOf(uri);
    const { engine } = scope.state;
    reportOf(document);
    const memo = diagnostics.memoOf(uri);
    const rehearsal = memo && engine.rehearsal({ path: scope.path, text: document.getText() }, memo);
    const version = document.version;
    return (
      rehearsal && {
        rehearsal,
        current: () =>
          settings.enable &&
          documents.get(uri) === document &&
          document.version === version &&
          folders.scopeOf(uri).state.engine === engine,
      }
    );
  },
  ({ family, steps, ms }) =>
    guide.log(`nhi-lens: typing rehearsed in a ${family} file while it was read (${steps} scans, ${Math.round(ms)} ms)`),
  (error) => connection.console.error(`nhi-lens: a typing rehearsal failed: ${(error as Error)?.name ?? 'unknown'}`),
);

/** Git's news for a pull client: one refresh for reads that finish close together, none while the user types. */
const gitRefresh = new PausedRefresh(() => void connection.languages.diagnostics.refresh());

/** Verdicts of this editor session (memory only: the editor writes no verification cache file). */
const verdicts = new VerdictCache();
/** `nhiLens.github.apiUrl` (machine scope): where GitHub tokens are verified by default. */
let githubApiUrl: string | undefined;

/**
 * What the audit verifies: nothing unless `nhiLens.verify` is `on`, or `ask` and the user agreed
 * for this audit. Endpoints are the user's machine settings; GitHub's default follows
 * `nhiLens.github.apiUrl` (a GitHub Enterprise Server's tokens are not sent to github.com).
 */
function verifyOptions(agreed: boolean): VerifyOptions | undefined {
  if (!(settings.verify === 'on' || (settings.verify === 'ask' && agreed))) return undefined;
  try {
    const endpoints = parseEndpointOverrides([
      ...(githubApiUrl ? [`github=${githubApiUrl}`] : []),
      ...Object.entries(settings.verifyEndpoints ?? {}).map(([k, v]) => `${k}=${v}`),
    ]);
    return { endpoints, cache: verdicts };
  } catch (error) {
    connection.console.error(`nhi-lens: nhiLens.verifyEndpoints: ${(error as Error).message}`);
    return undefined;
  }
}

async function loadSettings(): Promise<void> {
  if (!configurationCapability) return;
  const raw = (await connection.workspace.getConfiguration('nhiLens')) as Partial<NhiLensSettings> | null;
  const manager = SECRETS_MANAGERS.includes(raw?.secretsManager as SecretsManager) ? raw!.secretsManager! : DEFAULT_SETTINGS.secretsManager;
  const verify = raw?.verify === 'on' || raw?.verify === 'ask' ? raw.verify : 'off';
  const endpoints = raw?.verifyEndpoints && typeof raw.verifyEndpoints === 'object' ? raw.verifyEndpoints : {};
  settings = {
    enable: raw?.enable ?? true,
    secretsManager: manager,
    owner: typeof raw?.owner === 'string' ? raw.owner : '',
    verify,
    verifyEndpoints: Object.fromEntries(Object.entries(endpoints).filter((e): e is [string, string] => typeof e[1] === 'string')),
    maxProblemsPerFile: problemCapOf(raw?.maxProblemsPerFile),
  };
  const apiUrl = (raw as { github?: { apiUrl?: unknown } } | null)?.github?.apiUrl;
  githubApiUrl = typeof apiUrl === 'string' && apiUrl.trim() ? apiUrl.trim() : undefined;
}

connection.onInitialize((params) => {
  // Trust is the client's, for the whole workspace: every folder gets it.
  const options = params.initializationOptions as InitializationOptions | undefined;
  const trusted = options?.trusted !== false;
  guide.editorCommands = options?.editorCommands === true;
  folders = new WorkspaceFolders(trusted, refreshFiles);
  const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
  for (const folder of initial) folders.add(folder.uri, folder.name);
  const caps = params.capabilities;
  folderChangeNotifications = !!caps.workspace?.workspaceFolders;
  pullDiagnostics = !!caps.textDocument?.diagnostic;
  configurationCapability = !!caps.workspace?.configuration;
  watchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  workDoneProgressCapability = !!caps.window?.workDoneProgress;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
      executeCommandProvider: { commands: [Commands.storeCommand, Commands.addToBaseline] },
      hoverProvider: true,
      // Registered statically: the client then sends workspace/didChangeWorkspaceFolders.
      ...(folderChangeNotifications ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      ...(pullDiagnostics
        ? { diagnosticProvider: { identifier: 'nhi-lens', interFileDependencies: false, workspaceDiagnostics: true } }
        : {}),
    },
    serverInfo: { name: 'nhi-lens' },
  };
});

connection.onInitialized(async () => {
  for (const folder of folders.list()) reportProblems(folder);
  if (folderChangeNotifications) connection.workspace.onDidChangeWorkspaceFolders(changeFolders);
  if (watchedFilesRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*baseline*.json' }],
    });
  }
  if (configurationCapability) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'nhiLens' });
  await loadSettings();
  guide.logStart(folders.list().length, pullDiagnostics);
  refreshAll();
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  guide.logSettings();
  refreshAll();
});

/** Folders added and removed: their documents move to another folder (or none) and are checked again. */
function changeFolders(event: WorkspaceFoldersChangeEvent): void {
  const removedRoots = new Set<string>();
  for (const { uri } of event.removed) {
    const folder = folders.remove(uri);
    if (folder) removedRoots.add(folder.root);
  }
  const added = event.added.flatMap(({ uri, name }) => folders.add(uri, name) ?? []);
  for (const folder of added) reportProblems(folder);
  if (removedRoots.size) clearAuditDiagnostics((root) => removedRoots.has(root));
  refreshAll();
}

/** Forgets the audit's diagnostics of files in the folders `which` names, and clears them in the client. */
function clearAuditDiagnostics(which: (root: string) => boolean): void {
  const cleared = [...auditDiagnostics].filter(([, entry]) => which(entry.root)).map(([uri]) => uri);
  if (!cleared.length) return;
  auditGeneration++;
  for (const uri of cleared) {
    if (pullDiagnostics) {
      // A pull client keeps what it last pulled for a URI: report it empty once more.
      auditDiagnostics.set(uri, { root: '', items: [] });
    } else {
      auditDiagnostics.delete(uri);
      if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
}

connection.onDidChangeWatchedFiles((params) => {
  const changed = new Set(params.changes.flatMap((c) => filePathOf(c.uri) ?? []));
  for (const folder of folders.list()) {
    const { configFile, baselineFile } = folder.state;
    if (!(configFile && changed.has(configFile)) && !(baselineFile && changed.has(baselineFile))) continue;
    folder.state.reload();
    folder.git.invalidate(); // other rules find other secrets in the past versions
    reportProblems(folder);
    refreshFolder(folder);
  }
});

/** TextDocuments announces an opened document's content right after the open: it was just published. */
let justOpened: TextDocument | undefined;
documents.onDidOpen((e) => {
  justOpened = e.document;
  publish(e.document);
  rehearsals.opened(e.document.uri);
});
documents.onDidChangeContent((e) => {
  if (e.document === justOpened) {
    justOpened = undefined;
    return;
  }
  gitRefresh.edited();
  // A pull client asks when it wants them: no timer per keystroke that would publish nothing.
  if (!pullDiagnostics) schedule(e.document);
});
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  rehearsals.closed(e.document.uri);
  diagnostics.forget(e.document.uri);
  if (!pullDiagnostics)
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: shownOf(auditDiagnostics.get(e.document.uri)?.items ?? []) });
});

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  // Let queued edits and cancellations in first: in a burst of typing, the pulls that pile up
  // all see the latest text, the first scans it and the rest are answered from the cache.
  await new Promise((resolve) => setImmediate(resolve));
  const document = documents.get(params.textDocument.uri);
  if (!document || !settings.enable || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const report = reportOf(document);
  if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
});

connection.languages.diagnostics.onWorkspace((params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  if (!settings.enable || token.isCancellationRequested) return { items };
  for (const document of documents.all()) {
    const report = reportOf(document);
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
  for (const [uri, { root, items: list }] of auditDiagnostics) {
    if (documents.get(uri)) continue;
    const folder = root ? folders.folderOfPath(root) : undefined;
    // The cap is part of the result: raising it re-sends what an audit found.
    const resultId = `audit:${folder?.id ?? 0}:${folder?.state.generation ?? 0}:${auditGeneration}:${problemCapOf(settings.maxProblemsPerFile)}`;
    items.push(
      previous.get(uri) === resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
        : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: shownOf(list) },
    );
  }
  return { items };
});

connection.onCodeAction((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || token.isCancellationRequested) return null;
  return [...codeActions.actionsFor(document, params.context.diagnostics), ...guide.codeActions(document, params.context.diagnostics)];
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

/**
 * Adds one finding to its folder's baseline file through a workspace edit, and applies it at
 * once. The file is re-read first (the editor's copy if it is open, else the disk: entries a
 * `git pull` added since are kept) and merged; a file that is not a baseline is never
 * overwritten; the edit names the open document's version, so a concurrent change makes the
 * editor refuse it rather than lose anything.
 */
async function addToBaseline(uri: string, fingerprint: string, ruleId: string): Promise<boolean> {
  const { folder, path: relative } = folders.scopeOf(uri);
  const state = folder?.state;
  const file = state?.baselineFile;
  if (!folder || !state || !file) return false;
  const entry = { fingerprint, ruleId, path: relative };
  const target = pathToFileURL(file).href;
  const open = documents.get(target);
  const exists = !!open || fs.existsSync(file);
  let current: BaselineEntry[] = [];
  let text = '';
  try {
    text = open ? open.getText() : exists ? readSettingsFile(file, 'baseline') : '';
    if (text.trim()) current = parseBaseline(text, path.basename(file)).entries;
  } catch (error) {
    // Only our own rule errors are quoted: another error's message may quote the text it failed on.
    const message =
      error instanceof RuleError
        ? error.problems.join('; ')
        : `an internal error (${(error as Error)?.name ?? 'unknown'}): please report it`;
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: `NHI Lens: not changing ${path.basename(file)}: ${message}`,
    });
    return false;
  }
  if (current.some((e) => e.fingerprint === fingerprint && e.path === entry.path)) {
    state.acceptIntoBaseline(current);
    refreshFolder(folder);
    return true;
  }
  const merged = baselineOf([...current, entry].map((e) => ({ ...e }) as unknown as Finding));
  const content = `${JSON.stringify(merged, null, 2)}\n`;
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const result = await connection.workspace.applyEdit({
    label: `Accept ${ruleId} into ${path.basename(file)}`,
    edit: {
      documentChanges: [
        ...(exists ? [] : [{ kind: 'create' as const, uri: target, options: { ignoreIfExists: true } }]),
        {
          textDocument: { uri: target, version: open?.version ?? null },
          edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: content }],
        },
      ],
    },
  });
  if (!result.applied) return false;
  state.acceptIntoBaseline(merged.findings);
  refreshFolder(folder);
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
  guide.log(`nhi-lens: auditing ${folders.list().length} folder(s)`);
  const audit = await auditService.audit(
    folders.list().map((folder) => ({ ...folder, inner: folders.innerFolders(folder) })),
    token,
    workDone,
    partial,
    cancelled,
    params.github,
    verifyOptions(params.verify === true),
  );
  guide.logAudit(
    audit.audits.map((a) => a.report),
    audit.cancelled,
  );
  auditGeneration++;
  const byUri = new Map<string, { root: string; items: Diagnostic[] }>();
  for (const { folder, report } of audit.audits) {
    for (const f of report.findings) {
      const uri = fileUriOf(folder.root, f.path);
      const entry = byUri.get(uri) ?? { root: folder.root, items: [] };
      entry.items.push(toDiagnostic(f, uri));
      byUri.set(uri, entry);
    }
  }
  const previous = auditDiagnostics;
  auditDiagnostics = byUri;
  if (pullDiagnostics) {
    // A pull client keeps what it last pulled for a URI: files clean now are reported empty once.
    for (const [uri, entry] of previous) if (entry.items.length && !byUri.has(uri)) byUri.set(uri, { root: '', items: [] });
    void connection.languages.diagnostics.refresh();
  } else {
    for (const uri of previous.keys())
      if (!byUri.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    // Files not open get the audit's diagnostics: as many per file as an open one may show.
    for (const [uri, { items }] of byUri) if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: shownOf(items) });
  }
  return toAuditResult(audit);
});

connection.onRequest(AuditReportRequest.type, (params) => {
  const content = auditService.report(params);
  return content === null ? null : { content };
});

connection.onRequest(UploadSarifRequest.type, async (params) => {
  try {
    return { message: await auditService.uploadSarif(params) };
  } catch (error) {
    throw new ResponseError(ErrorCodes.InvalidRequest, (error as Error).message);
  }
});

// One failed request must not take the server down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`nhi-lens: ${(reason as Error)?.message ?? String(reason)}`));

documents.listen(connection);
connection.listen();
