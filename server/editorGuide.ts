/**
 * What the server adds to explain itself in the editor: hovers on findings, the rule-details
 * pages, the "Show rule details" and "Store in the manager and replace" code actions, and its
 * log (the client's "NHI Lens" output channel). Kept out of server.ts, which only wires it.
 */
import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_VERSION, type Finding, type RuleInfo } from '../engine';
import { MANAGER_NAMES } from '../engine/fixes/storeInvocation';
import type { Report } from '../report/reportModel';
import { renderRuleDetails } from '../report/ruleDetails';
import {
  ClientCommands,
  RuleDetailsRequest,
  RuleListRequest,
  StoreSecretPlanRequest,
  StoreSecretRequest,
  type NhiLensSettings,
} from '../protocol/nhiLensProtocol';
import type { FindingData } from './services/diagnosticsService';
import { hoverFor, ruleOf } from './services/hoverService';
import { StoreSecretService, type DotenvFile } from './services/storeSecretService';
import { readSettingsFile } from '../workspace/files/boundedFile';
import { gitAsync } from '../workspace/git/gitRunner';
import type { DocumentScope } from './workspaceFolders';

export interface GuideContext {
  documents: TextDocuments<TextDocument>;
  scopeOf: (uri: string) => DocumentScope;
  /** The document's current findings (the diagnostics service's cached scan). */
  findings: (document: TextDocument) => Finding[];
  settings: () => NhiLensSettings;
  trusted: () => boolean;
}

const isOurs = (d: Diagnostic): d is Diagnostic & { data: FindingData } =>
  d.source === 'nhi-lens' && !!d.data && typeof (d.data as FindingData).ruleId === 'string';

export class EditorGuide {
  /** The client has the rule-details and store commands (`InitializationOptions.editorCommands`). */
  editorCommands = false;
  private readonly store: StoreSecretService;

  constructor(
    private readonly connection: Connection,
    private readonly ctx: GuideContext,
  ) {
    this.store = new StoreSecretService({
      document: (uri) => ctx.documents.get(uri),
      manager: () => ctx.settings().secretsManager,
      trusted: ctx.trusted,
      applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
      env: process.env,
      log: (message) => this.log(message),
      dotenv: (uri) => this.dotenvOf(uri),
    });
    connection.onHover((params) => {
      const document = ctx.documents.get(params.textDocument.uri);
      if (!document || !ctx.settings().enable) return null;
      const engine = ctx.scopeOf(document.uri).state.engine;
      return hoverFor(ctx.findings(document), params.position, engine, { detailsCommand: this.editorCommands, uri: document.uri });
    });
    connection.onRequest(RuleDetailsRequest.type, ({ ruleId, uri }) => {
      const rule = this.rule(ruleId, uri);
      return rule ? { markdown: renderRuleDetails(rule) } : null;
    });
    connection.onRequest(RuleListRequest.type, ({ uri }) =>
      this.rulesOf(uri).map(({ definition: d }) => ({ id: d.id, title: d.title, category: d.category })),
    );
    connection.onRequest(StoreSecretPlanRequest.type, (params) => this.store.plan(params));
    connection.onRequest(StoreSecretRequest.type, (params) => this.store.store(params));
  }

  /** The `.env` and `.gitignore` at the root of the document's workspace folder (the editor's text when open). */
  private dotenvOf(uri: string): DotenvFile | undefined {
    const root = this.ctx.scopeOf(uri).folder?.root;
    if (!root || !this.ctx.trusted()) return undefined;
    const read = (name: string) => {
      const fileUri = pathToFileURL(path.join(root, name)).href;
      const open = this.ctx.documents.get(fileUri);
      if (open) return { uri: fileUri, text: open.getText(), version: open.version };
      try {
        return { uri: fileUri, text: readSettingsFile(path.join(root, name), name), version: null };
      } catch {
        return { uri: fileUri, text: undefined, version: null };
      }
    };
    const dotenv = read('.env');
    const gitignore = read('.gitignore');
    return {
      ...dotenv,
      gitignoreUri: gitignore.uri,
      gitignoreText: gitignore.text,
      gitProblem: async () => {
        if ((await gitAsync(root, ['ls-files', '--', '.env']))?.trim()) return '.env is tracked by git';
        const commit = (await gitAsync(root, ['log', '--all', '-1', '--format=%h, %cs', '--', '.env']))?.trim();
        return commit ? `.env was committed before (${commit})` : undefined;
      },
    };
  }

  /** Rules of the file's folder (its own rules, its overrides), or the built-in ones without a file. */
  private rulesOf(uri: string | undefined): RuleInfo[] {
    return this.ctx.scopeOf(uri ?? '').state.engine.rules;
  }

  private rule(id: string, uri: string | undefined): RuleInfo | undefined {
    return ruleOf(this.ctx.scopeOf(uri ?? '').state.engine, id);
  }

  /** "Show rule details" for each finding, and "Store in … and replace" for secrets where it can work. */
  codeActions(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
    if (!this.editorCommands) return [];
    const actions: CodeAction[] = [];
    const shown = new Set<string>();
    for (const diagnostic of diagnostics.filter(isOurs)) {
      const { ruleId } = diagnostic.data;
      if (diagnostic.data.category === 'secret' && this.store.offers(document, diagnostic)) {
        const manager = this.ctx.settings().secretsManager;
        actions.push({
          title: `Store in ${manager === 'env' ? '.env' : MANAGER_NAMES[manager]} and replace…`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Store and replace', command: ClientCommands.storeAndReplace, arguments: [document.uri, diagnostic] },
        });
      }
      if (shown.has(ruleId)) continue;
      shown.add(ruleId);
      actions.push({
        title: `Show rule details: ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Show rule details', command: ClientCommands.showRuleDetails, arguments: [ruleId, document.uri] },
      });
    }
    return actions;
  }

  /** The server's log: the client shows it in its "NHI Lens" output channel. Never a secret value. */
  log(message: string): void {
    this.connection.console.info(message);
  }

  logStart(folders: number, pull: boolean): void {
    const rules = this.rulesOf(undefined).length;
    this.log(
      `nhi-lens ${TOOL_VERSION} on Node ${process.versions.node}: ${folders} workspace folder(s), ${rules} built-in rules, ` +
        `diagnostics ${pull ? 'pulled by the editor' : 'pushed'}, workspace ${this.ctx.trusted() ? 'trusted' : 'untrusted (built-in rules only)'}`,
    );
    this.logSettings();
  }

  logSettings(): void {
    const s = this.ctx.settings();
    this.log(`nhi-lens: settings: ${s.enable ? 'enabled' : 'disabled'}, secrets manager ${s.secretsManager}, verify ${s.verify ?? 'off'}`);
  }

  logAudit(reports: Report[], cancelled: boolean): void {
    const sum = (f: (r: Report) => number) => reports.reduce((n, r) => n + f(r), 0);
    const ms = Math.round(sum((r) => r.durationMs));
    this.log(
      `nhi-lens: audit ${cancelled ? 'cancelled' : 'done'}: ${sum((r) => r.filesScanned)} files, ${sum((r) => r.findings.length)} findings, ` +
        `${sum((r) => r.skipped.length)} skipped, ${sum((r) => r.baselined)} baselined, ${ms} ms`,
    );
    for (const r of reports) for (const note of r.notes) this.log(`nhi-lens: audit note: ${note}`);
  }
}
