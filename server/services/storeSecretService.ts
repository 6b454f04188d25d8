import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { secretFix, type FixTarget } from '../../engine/fixes/fixProposals';
import {
  azureVaultName,
  dotenvLine,
  dotenvSets,
  MANAGER_NAMES,
  readsDotenv,
  storedEnvName,
  storedSecretName,
  storeInvocation,
  type StoreInvocation,
} from '../../engine/fixes/storeInvocation';
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
  /** The `.env` the `env` manager stores in: the document's workspace folder's (none outside a folder). */
  dotenv: (uri: string) => DotenvFile | undefined;
}

/** The workspace folder's `.env`, its `.gitignore`, and what git says of the `.env`. */
export interface DotenvFile {
  uri: string;
  /** Its text (the editor's if open), undefined when it does not exist. */
  text: string | undefined;
  /** The open document's version, null when not open. */
  version: number | null;
  gitignoreUri: string;
  gitignoreText: string | undefined;
  /** Why git makes the `.env` unfit for a secret (tracked, or in a commit), or undefined. */
  gitProblem: () => Promise<string | undefined>;
}

interface Ready {
  document: TextDocument;
  target: FixTarget;
  /** A manager CLI; absent for the `env` manager, which writes the folder's `.env`. */
  invocation?: StoreInvocation;
  dotenv?: { file: DotenvFile; name: string };
  plan: StoreSecretPlan;
}

type Refusal = StoreSecretPlan & { refusal: string };

const DOTENV_LABEL = 'the workspace .env file';
const listsDotenv = (gitignore: string | undefined) => !!gitignore?.split(/\r?\n/).some((l) => /^\/?\.env$/.test(l.trim()));

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
    if (!this.ctx.trusted() || !isFindingData(diagnostic.data)) return false;
    if (diagnostic.data.category !== 'secret') return false;
    const manager = this.ctx.manager();
    if (manager === 'env' && (!this.ctx.dotenv(document.uri) || !readsDotenv(diagnostic.data.path, document.getText()))) return false;
    const fix = secretFix(this.targetOf(document, diagnostic), document.getText(), manager);
    return fix?.kind === 'secret-to-manager' && fix.reads === manager;
  }

  async plan(params: StoreSecretParams): Promise<StoreSecretPlan> {
    const ready = await this.prepare(params);
    return 'refusal' in ready ? ready : ready.plan;
  }

  async store(params: StoreSecretParams): Promise<{ ok: boolean; message: string }> {
    const ready = await this.prepare(params);
    if ('refusal' in ready) return { ok: false, message: ready.refusal! };
    if (ready.dotenv) return this.storeInDotenv(params, ready, ready.dotenv);
    const { document, target } = ready;
    const invocation = ready.invocation!;
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

  /**
   * The `env` manager: the value goes into the workspace folder's `.env`, which must stay out of
   * git (listed in .gitignore, added if not; never tracked or committed), for code that reads its
   * environment from it (dotenv, docker compose). Not for CI or cluster files.
   */
  private async prepareDotenv(
    document: TextDocument,
    target: FixTarget,
    refuse: (refusal: string, extra?: Partial<StoreSecretPlan>) => Refusal,
  ): Promise<Ready | Refusal> {
    const file = this.ctx.dotenv(document.uri);
    if (!file) return refuse('The file is outside every workspace folder: there is no workspace .env to store in.');
    if (!readsDotenv(target.path, document.getText()))
      return refuse(
        'This kind of file does not read a local .env (CI and cluster files read their own secret stores): use "Move this secret out of the file".',
      );
    const name = storedEnvName(target, document.getText());
    if (file.text !== undefined && dotenvSets(file.text, name))
      return refuse(`.env already sets ${name}: use "Move this secret out of the file" to read it from there.`, { name });
    const problem = await file.gitProblem();
    if (problem) return refuse(`${problem}: a secret written there would be in git. Rotate what it holds and untrack it first.`, { name });
    const listed = listsDotenv(file.gitignoreText);
    const plan: StoreSecretPlan = {
      manager: 'env',
      managerLabel: DOTENV_LABEL,
      name,
      command: `append ${name}=… to .env${listed ? '' : ' and add .env to .gitignore'}`,
      detail:
        `NHI Lens writes ${name}=… to the .env of this workspace folder${listed ? '' : ' and adds .env to .gitignore'} (never committed), ` +
        `then the code reads the environment variable ${name}. Load .env where the code runs (dotenv, docker compose); elsewhere set ${name} from your secrets manager.`,
    };
    return { document, target, dotenv: { file, name }, plan };
  }

  private async storeInDotenv(
    params: StoreSecretParams,
    ready: Ready,
    dotenv: { file: DotenvFile; name: string },
  ): Promise<{ ok: boolean; message: string }> {
    const { document, target } = ready;
    const { file, name } = dotenv;
    const value = document.getText(params.diagnostic.range);
    const fix = secretFix(target, document.getText(), 'env');
    if (!fix?.edits.length) return { ok: false, message: 'No rewrite for this file: nothing was stored.' };
    const edits: TextEdit[] = fix.edits.map((e) => ({
      range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
      newText: e.newText,
    }));
    const changes: NonNullable<WorkspaceEdit['documentChanges']> = [
      { textDocument: { uri: document.uri, version: document.version }, edits },
    ];
    changes.push(...appendLine(file.uri, file.text, file.version, dotenvLine(name, value)));
    const listed = listsDotenv(file.gitignoreText);
    if (!listed) changes.push(...appendLine(file.gitignoreUri, file.gitignoreText, null, '.env'));
    const applied = await this.ctx.applyEdit('Store in .env and replace', { documentChanges: changes });
    this.ctx.log(`nhi-lens: ${applied ? 'stored' : 'the editor refused to store'} the value of ${target.ruleId} as ${name} in .env`);
    return applied
      ? { ok: true, message: `Stored as ${name} in .env${listed ? '' : ' (now in .gitignore)'} and replaced in the file.` }
      : { ok: false, message: 'The editor did not apply the change (the file changed meanwhile?): nothing was stored.' };
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
  private async prepare(params: StoreSecretParams): Promise<Ready | Refusal> {
    const manager = this.ctx.manager();
    const label = manager === 'env' ? DOTENV_LABEL : MANAGER_NAMES[manager];
    const refuse = (refusal: string, extra: Partial<StoreSecretPlan> = {}): Refusal => ({
      manager,
      managerLabel: label,
      name: '',
      command: '',
      refusal,
      ...extra,
    });
    if (!this.ctx.trusted()) return refuse('Storing a secret runs a program or writes a file: only in a trusted workspace.');
    const document = this.ctx.document(params.uri);
    const { diagnostic } = params;
    if (!document || !diagnostic?.range || !isFindingData(diagnostic.data)) return refuse('The file is not open in the editor any more.');
    if (diagnostic.data.category !== 'secret') return refuse('Only secrets can be stored in a secrets manager.');
    const target = this.targetOf(document, diagnostic);
    const fix = secretFix(target, document.getText(), manager);
    if (fix?.kind !== 'secret-to-manager' || fix.reads !== manager)
      return refuse(`This kind of file has no way to read from ${label}: storing the value there would leave the file unchanged.`);
    if (manager === 'env') return this.prepareDotenv(document, target, refuse);
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

/** Edits that add `line` at the end of a file, creating it when it does not exist. */
function appendLine(
  uri: string,
  text: string | undefined,
  version: number | null,
  line: string,
): NonNullable<WorkspaceEdit['documentChanges']> {
  const start = { line: 0, character: 0 };
  if (text === undefined)
    return [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: `${line}\n` }] },
    ];
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const newText = `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`;
  return [{ textDocument: { uri, version }, edits: [{ range: { start: end, end }, newText }] }];
}
