import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { secretFix, type FixTarget } from '../../engine/fixes/fixProposals';
import { azureVaultName, MANAGER_NAMES, storedSecretName, storeInvocation, type StoreInvocation } from '../../engine/fixes/storeInvocation';
import type { SecretsManager } from '../../engine/fixes/secretReplacement';
import { findOnPath, storeSecret } from '../../integrations/secretStores/storeSecret';
import type { StoreSecretParams, StoreSecretPlan } from '../../protocol/nhiLensProtocol';
import type { FindingData } from './diagnosticsService';

export interface StoreSecretContext {
  document: (uri: string) => TextDocument | undefined;
  manager: () => SecretsManager;
  trusted: () => boolean;
  /** Applies the rewrite in the client (`workspace/applyEdit`); resolves with whether it did. */
  applyEdit: (label: string, edit: WorkspaceEdit) => Promise<boolean>;
  /** The environment the CLI runs with (its PATH, its credentials). */
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}

interface Ready {
  document: TextDocument;
  target: FixTarget;
  invocation: StoreInvocation;
  plan: StoreSecretPlan;
}

const isFindingData = (data: unknown): data is FindingData =>
  !!data && typeof (data as FindingData).ruleId === 'string' && !!(data as FindingData).fix;

/**
 * "Store in the manager and replace": stores a hardcoded secret with the manager's own CLI (the
 * value on its standard input), then applies the same rewrite as "Move this secret out of the
 * file", so the code reads what was just stored. Runs only in trusted workspaces, only for a
 * manager whose rewrite the file's language has, and only after the client's confirmation
 * (the client asks for the plan first, shows it, then sends the store request).
 */
export class StoreSecretService {
  constructor(private readonly ctx: StoreSecretContext) {}

  /** Whether the code action is worth offering for this diagnostic (a cheap check; `plan` says why not). */
  offers(document: TextDocument, diagnostic: StoreSecretParams['diagnostic']): boolean {
    if (!this.ctx.trusted() || this.ctx.manager() === 'env' || !isFindingData(diagnostic.data)) return false;
    if (diagnostic.data.category !== 'secret') return false;
    const fix = secretFix(this.targetOf(document, diagnostic), document.getText(), this.ctx.manager());
    return fix?.kind === 'secret-to-manager' && fix.reads === this.ctx.manager();
  }

  plan(params: StoreSecretParams): StoreSecretPlan {
    const ready = this.prepare(params);
    return 'refusal' in ready ? ready : ready.plan;
  }

  async store(params: StoreSecretParams): Promise<{ ok: boolean; message: string }> {
    const ready = this.prepare(params);
    if ('refusal' in ready) return { ok: false, message: ready.refusal! };
    const { document, invocation, target } = ready;
    const value = document.getText(params.diagnostic.range);
    const version = document.version;
    this.ctx.log(`nhi-lens: storing the value of ${target.ruleId} as "${invocation.name}" with ${invocation.program} (value on stdin)`);
    const outcome = await storeSecret(invocation, value, this.ctx.env);
    const label = MANAGER_NAMES[invocation.manager];
    if (!outcome.ok) {
      this.ctx.log(`nhi-lens: storing in ${label} failed: ${outcome.message}`);
      return { ok: false, message: `Not stored in ${label}: ${outcome.message}` };
    }
    // The user may have typed while the CLI ran: rewrite only the text that was stored.
    const current = this.ctx.document(params.uri);
    const stored = `Stored as "${invocation.name}" in ${label}`;
    if (!current || current.version !== version || current.getText(params.diagnostic.range) !== value)
      return { ok: true, message: `${stored}, but the file changed meanwhile: use "Move this secret out of the file" to replace it.` };
    const fix = secretFix(target, current.getText(), invocation.manager);
    if (!fix?.edits.length) return { ok: true, message: `${stored}; the file has no rewrite to apply.` };
    const edits: TextEdit[] = fix.edits.map((e) => ({
      range: { start: current.positionAt(e.start), end: current.positionAt(e.end) },
      newText: e.newText,
    }));
    const applied = await this.ctx.applyEdit(`Store in ${label} and replace`, {
      documentChanges: [{ textDocument: { uri: current.uri, version }, edits }],
    });
    this.ctx.log(`nhi-lens: stored "${invocation.name}" in ${label}; rewrite ${applied ? 'applied' : 'refused by the editor'}`);
    return applied
      ? { ok: true, message: `${stored} and replaced in the file.` }
      : { ok: true, message: `${stored}, but the editor did not apply the rewrite: use "Move this secret out of the file".` };
  }

  private targetOf(document: TextDocument, diagnostic: StoreSecretParams['diagnostic']): FixTarget {
    const data = diagnostic.data as FindingData;
    return {
      ruleId: data.ruleId,
      category: data.category,
      path: data.path,
      offsets: { start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) },
      fix: data.fix,
    };
  }

  /** Everything checked before anything runs: trust, manager, the rewrite, the CLI on PATH. */
  private prepare(params: StoreSecretParams): Ready | (StoreSecretPlan & { refusal: string }) {
    const manager = this.ctx.manager();
    const label = manager === 'env' ? 'environment variables' : MANAGER_NAMES[manager];
    const refuse = (refusal: string, extra: Partial<StoreSecretPlan> = {}) => ({
      manager,
      managerLabel: label,
      name: '',
      command: '',
      refusal,
      ...extra,
    });
    if (!this.ctx.trusted()) return refuse('Storing a secret runs a program: only in a trusted workspace.');
    if (manager === 'env')
      return refuse(
        '"nhiLens.secretsManager" is "env": there is no manager to store in. Set the variable in your environment, or pick a manager with "NHI Lens: Set Secrets Manager".',
      );
    const document = this.ctx.document(params.uri);
    const { diagnostic } = params;
    if (!document || !diagnostic?.range || !isFindingData(diagnostic.data)) return refuse('The file is not open in the editor any more.');
    if (diagnostic.data.category !== 'secret') return refuse('Only secrets can be stored in a secrets manager.');
    const target = this.targetOf(document, diagnostic);
    const fix = secretFix(target, document.getText(), manager);
    if (fix?.kind !== 'secret-to-manager' || fix.reads !== manager)
      return refuse(`This kind of file has no way to read from ${label}: storing the value there would leave the file unchanged.`);
    const name = storedSecretName(target, document.getText());
    const vault = params.azureVault?.trim() || azureVaultName(this.ctx.env.AZURE_KEY_VAULT_URL);
    if (params.azureVault !== undefined && vault && !/^[A-Za-z0-9-]{3,24}$/.test(vault))
      return refuse(`"${vault}" is not a Key Vault name.`, { name });
    const invocation = storeInvocation(manager, name, vault);
    if (!invocation) return refuse('Which Azure Key Vault? Set AZURE_KEY_VAULT_URL or give its name.', { name, needsAzureVault: true });
    const command = [invocation.program, ...invocation.args].join(' ');
    if (!findOnPath(invocation.program, this.ctx.env))
      return refuse(`\`${invocation.program}\` is not on PATH: install ${invocation.install}, sign in, and try again.`, { name, command });
    return { document, target, invocation, plan: { manager, managerLabel: label, name, command } };
  }
}
