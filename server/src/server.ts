/**
 * Language server: publishes the engine's findings as diagnostics for open documents.
 * This is the thin first version (push diagnostics, debounced); see issue 4 for the full server.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, RuleError, loadWorkspaceConfig, terraformSiblingReader, type Finding } from '../../engine';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let engine: Engine | undefined;
let workspaceRoot: string | undefined;
const timers = new Map<string, NodeJS.Timeout>();

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

function toDiagnostic(f: Finding): Diagnostic {
  return { range: f.range, severity: SEVERITY[f.severity], code: f.ruleId, codeDescription: { href: f.docs }, source: 'nhi-lens', message: f.message, data: { fingerprint: f.fingerprint, fix: f.fix } };
}

function relativePath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const file = fileURLToPath(uri);
  return workspaceRoot ? path.relative(workspaceRoot, file).split(path.sep).join('/') : file;
}

function validate(document: TextDocument): void {
  if (!engine) return;
  const result = engine.scan({ path: relativePath(document.uri), text: document.getText() });
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.findings.filter((f) => !f.baselined).map(toDiagnostic) });
}

function schedule(document: TextDocument): void {
  clearTimeout(timers.get(document.uri));
  timers.set(document.uri, setTimeout(() => { timers.delete(document.uri); validate(document); }, 150));
}

connection.onInitialize((params) => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  workspaceRoot = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
  try {
    engine = new Engine({ config: workspaceRoot ? loadWorkspaceConfig(workspaceRoot).config : {}, siblingFiles: workspaceRoot ? terraformSiblingReader(workspaceRoot, false) : undefined });
  } catch (error) {
    const text = error instanceof RuleError ? error.problems.join('; ') : (error as Error).message;
    connection.console.error(`nhi-lens: configuration error: ${text}`);
    engine = new Engine();
  }
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
});

documents.onDidOpen((e) => validate(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => { clearTimeout(timers.get(e.document.uri)); void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); });
documents.listen(connection);
connection.listen();
