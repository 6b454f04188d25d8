import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, type NhiLensSettings } from '../../protocol/nhiLensProtocol';
import { fixesFor, secretFix, type FixProposal, type FixTarget } from '../../engine/fixes/fixProposals';
import { secretKeyName } from '../../engine/fixes/secretName';
import { ownerFor } from '../../workspace/ownerLookup';
import { relatedIamReader, relatedSecretsReader } from '../../workspace/nearbyReferences';
import type { OffsetEdit } from '../../engine';
import { oidcSubject, rolesAssumedIn } from '../../engine/fixes/oidcRoleTrust';
import { onlyBranch } from '../../engine/fixes/oidcTrust';
import { githubRepository, workspaceRoles } from '../../workspace/oidcRoles';
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
  /** The folder's baseline file; undefined when there is none to write (outside every folder, or a config pointing outside). */
  baselineFile: string | undefined;
  trusted: boolean;
  relativePath: (uri: string) => string;
  gitignoreUri: () => string | undefined;
  gitignoreText: () => string | undefined;
  /** The text of a document open in the editor, by URI (unsaved edits included). */
  openText?: (uri: string) => string | undefined;
}

const isOurs = (d: Diagnostic): d is Diagnostic & { data: FindingData } =>
  d.source === 'nhi-lens' && !!d.data && typeof (d.data as FindingData).ruleId === 'string';

/** The menu leads with the headline users look for, then says exactly what the rewrite reads. */
function menuTitle(proposal: FixProposal): string {
  if (proposal.kind !== 'secret-to-manager') return proposal.title;
  return `Move this secret out of the file: ${proposal.title.charAt(0).toLowerCase()}${proposal.title.slice(1)}`;
}

const listedIn = (gitignore: string | undefined, line: string | undefined): boolean =>
  gitignore !== undefined && line !== undefined && gitignore.split(/\r?\n/).includes(line);

function toTextEdits(document: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
}

/** The finding a diagnostic stands for, with offsets in the document's current text. */
function targetOf(document: TextDocument, diagnostic: Diagnostic): FixTarget {
  const data = diagnostic.data as FindingData;
  return {
    ruleId: data.ruleId,
    category: data.category,
    path: data.path,
    offsets: { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) },
    fix: data.fix,
  };
}

/**
 * Code actions for nhi-lens diagnostics: the engine's fix proposals (fixesFor) as LSP actions,
 * plus the editor-only commands (copy the store command, accept into the baseline). The secret
 * rewrite is computed in `resolve`, only for the action the user picks; everything else is
 * cheap and returned whole.
 */
export class CodeActionService {
  /** `ctx` answers for the document's workspace folder (its root, its .gitignore). */
  constructor(private readonly ctx: (uri: string) => CodeActionContext) {}

  /** One reader per folder root: it keeps what it read until the files change. */
  private readonly related = new Map<string, ReturnType<typeof relatedSecretsReader>>();

  private readonly iam = new Map<string, ReturnType<typeof relatedIamReader>>();

  private iamFor(root: string | undefined) {
    if (!root) return relatedIamReader(undefined);
    let reader = this.iam.get(root);
    if (!reader) this.iam.set(root, (reader = relatedIamReader(root)));
    return reader;
  }

  private relatedFor(root: string | undefined) {
    if (!root) return () => ({});
    let reader = this.related.get(root);
    if (!reader) this.related.set(root, (reader = relatedSecretsReader(root)));
    return reader;
  }

  /** The GitHub repository of the folder (git runs only in a trusted workspace). */
  private repositoryOf(ctx: CodeActionContext): string | undefined {
    return ctx.root && ctx.trusted ? githubRepository(ctx.root) : undefined;
  }

  /**
   * The AWS OIDC switch together with the trust statement in the role the workspace defines for
   * it, as one edit of both files: the roles whose name the workflow already assumes, else each
   * role the workspace defines (at most three, a person picks). None outside a folder.
   */
  private trustActions(document: TextDocument, diagnostic: Diagnostic, proposal: FixProposal, ctx: CodeActionContext): CodeAction[] {
    if (!ctx.root || !proposal.edits.some((e) => /^[ \t]*role-to-assume:/m.test(e.newText))) return [];
    const text = document.getText();
    const roles = workspaceRoles(ctx.root, (file) => ctx.openText?.(pathToFileURL(file).href));
    const assumed = rolesAssumedIn(text);
    const matching = assumed.length ? roles.filter((r) => r.role.name && assumed.includes(r.role.name)) : roles.slice(0, 3);
    const subject = oidcSubject(this.repositoryOf(ctx), onlyBranch(text));
    return matching.map(({ file, text: roleText, role }) => {
      const uri = pathToFileURL(file).href;
      const relative = path.relative(ctx.root!, file).split(path.sep).join('/');
      // The workflow assumes that role by name; a role named by Terraform at apply time keeps the placeholder.
      const workflowEdits = role.name
        ? proposal.edits.map((e) => ({ ...e, newText: e.newText.split('<role-name>').join(role.name!) }))
        : proposal.edits;
      const changes: Record<string, TextEdit[]> = { [document.uri]: toTextEdits(document, workflowEdits) };
      const who = `role ${role.name ?? role.label} (${relative})`;
      // A role that already trusts GitHub's provider keeps its policy: the workflow just assumes it.
      if (role.trustsGitHub)
        return {
          title: `${proposal.title}, assuming ${who}, which already trusts GitHub`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes },
        };
      const edit = role.edit(subject);
      const position = (offset: number) => {
        const before = roleText.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
      };
      changes[uri] = [{ range: { start: position(edit.start), end: position(edit.end) }, newText: edit.newText }];
      return {
        title: `${proposal.title}, trusted by ${who}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes },
      };
    });
  }

  actionsFor(document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
    const actions: CodeAction[] = [];
    const text = document.getText();
    for (const diagnostic of diagnostics.filter(isOurs)) {
      const data = diagnostic.data as FindingData;
      const ctx = this.ctx(document.uri);
      const manager = ctx.settings.secretsManager;
      const proposals = fixesFor(targetOf(document, diagnostic), text, {
        manager,
        // Only an owner fix asks: finding the owner may read CODEOWNERS or run git.
        owner: () => ownerFor(ctx.root, data.path, ctx.settings.owner, ctx.trusted),
        deferSecretRewrite: true,
        related: () => this.relatedFor(ctx.root)(data.path, data.fix.fileKind, text),
        relatedIam: () => this.iamFor(ctx.root)(data.path),
        repository: () => this.repositoryOf(ctx),
      });
      for (const proposal of proposals) {
        // Outside every folder there is no .gitignore to add the file to, and a file already listed
        // there needs nothing: either way that fix would do nothing.
        if (proposal.kind === 'ignore-env-file' && (!ctx.gitignoreUri() || listedIn(ctx.gitignoreText(), proposal.gitignoreLine))) continue;
        const action: CodeAction = { title: menuTitle(proposal), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
        if (proposal.preferred) action.isPreferred = true;
        if (proposal.deferred)
          action.data = { kind: 'replace-secret', uri: document.uri, version: document.version, diagnostic } satisfies ResolveData;
        else action.edit = { changes: { [document.uri]: toTextEdits(document, proposal.edits) } };
        actions.push(action);
        if (proposal.kind === 'oidc') actions.push(...this.trustActions(document, diagnostic, proposal, ctx));
        // Only when the rewrite reads from the manager (Go has no AWS idiom: it reads the environment).
        if (proposal.kind === 'secret-to-manager' && proposal.reads && proposal.reads !== 'env') {
          actions.push({
            title: `Copy the command that stores this secret in ${proposal.reads}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: {
              title: 'Copy store command',
              command: 'nhiLens.copyStoreCommand',
              // The name the rewrite reads (from the context, as secretFix names it), so both agree.
              arguments: [
                document.uri,
                diagnostic.range,
                proposal.reads,
                secretKeyName(text, document.offsetAt(diagnostic.range.start), data.fix.keyName) ?? data.ruleId,
              ],
            },
          });
        }
      }
      // A document outside every workspace folder has no baseline to accept it into.
      if (!ctx.root || !ctx.baselineFile) continue;
      actions.push({
        title: `Accept into the baseline (${path.basename(ctx.baselineFile)})`,
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
    // The diagnostic's range is of the version the menu was computed for: on any other version it
    // would land on other text (a line inserted above, and the rewrite corrupts the line before).
    if (document.version !== data.version)
      return {
        ...action,
        disabled: { reason: 'The file changed since this fix was offered: open the quick-fix menu again.' },
      };
    const ctx = this.ctx(document.uri);
    const target = targetOf(document, data.diagnostic);
    const related = this.relatedFor(ctx.root)(target.path, target.fix.fileKind, document.getText());
    const plan = secretFix(target, document.getText(), ctx.settings.secretsManager, related);
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
    return { ...action, title: menuTitle(plan), edit: editResult };
  }
}
