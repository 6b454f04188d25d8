/**
 * Custom LSP messages between the VS Code client and the server, declared once so a renamed
 * method cannot drift between the two sides.
 */
import { ProgressType, RequestType, type PartialResultParams, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { Finding, Identity, SkipNote } from '../engine';

/** Settings under `nhiLens.*`, read through `workspace/configuration`. */
export interface NhiLensSettings {
  enable: boolean;
  /** Where the secret-replacement quick-fix reads secrets from. */
  secretsManager: 'env' | 'aws' | 'vault' | 'azure' | 'gcp';
  /** Owner written by the add-owner quick-fix when CODEOWNERS names none. */
  owner: string;
}

export const DEFAULT_SETTINGS: NhiLensSettings = { enable: true, secretsManager: 'env', owner: '' };

/** GitHub access the client obtained from VS Code's GitHub sign-in, for this request only. */
export interface GitHubAccess {
  token: string;
  /** REST API root; GitHub Enterprise Server: https://HOST/api/v3. */ baseUrl?: string;
  /** `owner/name`; default: the origin remote. */ repository?: string;
}

export interface AuditParams extends WorkDoneProgressParams, PartialResultParams {
  /** Merge the repository's open secret-scanning alerts into the audit. */
  github?: GitHubAccess;
}
export interface AuditSummary {
  files: number;
  bytes: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
  durationMs: number;
}
export interface AuditResult {
  summary: AuditSummary;
  findings: Finding[];
  skipped: SkipNote[];
  /** The NHI inventory of the workspace. */
  inventory: Identity[];
  /** Things the user should know: git unavailable, a GitHub failure (the audit itself stands). */
  notes: string[];
}

/**
 * Audits every file of the workspace folder. Reports progress on `workDoneToken` (or on
 * server-created progress when the client gives none) and, on `partialResultToken`, each
 * file's findings as it is scanned. Cancelling the request stops the audit.
 */
export namespace AuditWorkspaceRequest {
  export const method = 'nhiLens/auditWorkspace';
  export const type = new RequestType<AuditParams, AuditResult, void>(method);
  export const partialResult = new ProgressType<Finding[]>();
}

/** The reports the last audit produced, rendered: Markdown for people, SARIF for tools. */
export interface ReportParams {
  format: 'markdown' | 'sarif' | 'html';
  /** HTML shown in a webview: its CSP source. */ cspSource?: string;
}
export namespace AuditReportRequest {
  export const method = 'nhiLens/auditReport';
  export const type = new RequestType<ReportParams, { content: string } | null, void>(method);
}

/** Uploads the last audit's SARIF to GitHub code scanning for the checked-out commit. */
export namespace UploadSarifRequest {
  export const method = 'nhiLens/uploadSarif';
  export const type = new RequestType<GitHubAccess, { message: string }, void>(method);
}

/** Server-side commands the code actions and the client run. */
export const Commands = {
  /** Args: [uri, diagnostic data]: returns the shell command that stores the secret in the manager. */
  storeCommand: 'nhiLens.server.storeSecretCommand',
  /** Args: [uri, fingerprint, ruleId]: adds the finding to the baseline file through an edit. */
  addToBaseline: 'nhiLens.server.addToBaseline',
} as const;
