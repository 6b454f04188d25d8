import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type NhiLensSettings } from '../../protocol/nhiLensProtocol';
import { narrowEdit } from '../../engine/fixes/narrowEdit';
import { ownerFor } from '../../workspace/ownerLookup';
import type { OffsetEdit } from '../../engine';
import { secretReplacement } from '../../engine/fixes/secretReplacement';
import { canComment, suppressFileEdit, suppressLineEdit } from '../../engine/fixes/suppressionEdits';
import type { FindingData } from './diagnosticsService';

/** What `codeAction/resolve` needs to compute the deferred secret rewrite. */
interface ResolveData {
  kind: 'replace-secret';
  uri: string;
  version: number;
  diagnostic: Diagnostic;
}

export interface CodeActionContext {
  settings: NhiLensSettings;
  root: string | undefined;
  trusted: boolean;
  relativePath: (uri: string) => string;
  gitignoreUri: () => string | undefined;
  gitignoreText: () => string | undefined;
}

const isOurs = (d: Diagnostic): d is Diagnostic & { data: FindingData } =>
  d.source === 'nhi-lens' && !!d.data && typeof (d.data as FindingData).ruleId === 'string';

function toTextEdits(document: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}

/**
 * Code actions for nhi-lens diagnostics. The secret rewrite is computed in `resolve`, only for
 * the action the user picks; everything else is cheap and returned whole.
 */
export class CodeActionService {
  /** `ctx` answers for the document's workspace folder (its root, its .gitignore). */
  constructor(private readonly ctx: (uri: string) => CodeActionContext) {}

  actionsFor(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics.filter(isOurs)) {
      const data = diagnostic.data as FindingData;
      const edit = (edits: TextEdit[]): WorkspaceEdit => ({ changes: { [document.uri]: edits } });
      if (data.category === 'secret') {
        const manager = this.ctx(document.uri).settings.secretsManager;
        actions.push({
          title: `Move this secret out of the file (${manager === 'env' ? 'environment' : manager})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          data: { kind: 'replace-secret', uri: document.uri, version: document.version, diagnostic } satisfies ResolveData,
        });
        if (manager !== 'env') {
          actions.push({
            title: `Copy the command that stores this secret in ${manager}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: {
              title: 'Copy store command',
              command: 'nhiLens.copyStoreCommand',
              arguments: [document.uri, diagnostic.range, manager, data.fix.keyName ?? null],
            },
          });
        }
      }
      const iac = data.fix.iac;
      if (iac?.fix) {
        const owner = ownerFor(
          this.ctx(document.uri).root,
          data.path,
          this.ctx(document.uri).settings.owner,
          this.ctx(document.uri).trusted,
        );
        actions.push({
          title: iac.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: edit(iac.fix.edits.map((e) => ({ range: e.range, newText: e.newText.replace(/\{\{owner\}\}/g, owner) }))),
        });
      }
      if (iac?.narrower?.length) {
        const start = document.offsetAt(diagnostic.range.start);
        const end = document.offsetAt(diagnostic.range.end);
        const narrow = narrowEdit(document.getText(), start, end, iac.narrower);
        if (narrow)
          actions.push({
            title: `Narrow to ${iac.narrower.slice(0, 3).join(', ')}${iac.narrower.length > 3 ? ', …' : ''}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: !iac.fix,
            edit: edit(toTextEdits(document, [narrow])),
          });
      }
      const text = document.getText();
      if (canComment(data.fix.fileKind)) {
        const line = suppressLineEdit(text, data.fix.fileKind, document.offsetAt(diagnostic.range.start), data.ruleId);
        if (line)
          actions.push({
            title: `Suppress ${data.ruleId} on this line (edit the reason)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit(toTextEdits(document, [line])),
          });
        const file = suppressFileEdit(text, data.fix.fileKind, data.ruleId);
        if (file)
          actions.push({
            title: `Suppress ${data.ruleId} in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit(toTextEdits(document, [file])),
          });
      }
      // A document outside every workspace folder has no baseline to accept it into.
      if (!this.ctx(document.uri).root) continue;
      actions.push({
        title: 'Accept into the baseline (.nhi-lens-baseline.json)',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Add to baseline', command: Commands.addToBaseline, arguments: [document.uri, data.fingerprint, data.ruleId] },
      });
    }
    return actions;
  }

  /** Computes the secret rewrite for the picked action; stale documents get no edit. */
  resolve(action: CodeAction, document: TextDocument | undefined): CodeAction {
    const data = action.data as ResolveData | undefined;
    if (data?.kind !== 'replace-secret' || !document || document.uri !== data.uri) return action;
    const finding = data.diagnostic.data as FindingData;
    const start = document.offsetAt(data.diagnostic.range.start);
    const end = document.offsetAt(data.diagnostic.range.end);
    // A literal passed straight to a call has no name: the rule names it (STRIPE_SECRET_KEY).
    const fix = { ...finding.fix, keyName: finding.fix.keyName ?? finding.ruleId };
    const plan = secretReplacement(
      { path: finding.path, text: document.getText(), start, end, fix },
      this.ctx(document.uri).settings.secretsManager,
    );
    if (!plan)
      return {
        ...action,
        title: `${action.title}: no rewrite for this kind of file`,
        disabled: { reason: 'No secrets-manager idiom for this kind of file; suppress or baseline it instead.' },
      };
    const changes: Record<string, TextEdit[]> = {};
    if (plan.edits.length) changes[document.uri] = toTextEdits(document, plan.edits);
    const gitignore = this.ctx(document.uri).gitignoreUri();
    const documentChanges: WorkspaceEdit['documentChanges'] = [];
    if (plan.gitignoreLine && gitignore) {
      const current = this.ctx(document.uri).gitignoreText();
      if (current === undefined) {
        documentChanges.push({ kind: 'create', uri: gitignore, options: { ignoreIfExists: true } });
        documentChanges.push({
          textDocument: { uri: gitignore, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${plan.gitignoreLine}\n` }],
        });
      } else if (!current.split(/\r?\n/).includes(plan.gitignoreLine)) {
        const lines = current.split('\n');
        const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
        documentChanges.push({
          textDocument: { uri: gitignore, version: null },
          edits: [
            { range: { start: end, end }, newText: `${current.endsWith('\n') || current === '' ? '' : '\n'}${plan.gitignoreLine}\n` },
          ],
        });
      }
    }
    const editResult: WorkspaceEdit = documentChanges.length
      ? {
          documentChanges: [
            ...(plan.edits.length
              ? [{ textDocument: { uri: document.uri, version: document.version }, edits: changes[document.uri] }]
              : []),
            ...documentChanges,
          ],
        }
      : { changes };
    return { ...action, title: plan.title, edit: editResult };
  }
}
