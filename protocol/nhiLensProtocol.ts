/**
 * Custom LSP messages between the VS Code client and the server, declared once so a renamed
 * method cannot drift between the two sides. The shapes here are the wire contract: declared
 * on their own (no engine types), so the client bundle carries no engine code and an engine
 * refactor cannot change the JSON by accident (server/protocolMapping.ts type-checks the
 * engine's objects against these shapes where it sends them).
 */
import {
  ProgressType,
  RequestType,
  type PartialResultParams,
  type Range,
  type WorkDoneProgressParams,
} from 'vscode-languageserver-protocol';

/** Settings under `nhiLens.*`, read through `workspace/configuration`. */
export interface NhiLensSettings {
  /** Off: no diagnostics (the audit still runs when asked). */
  enable: boolean;
  /** Where the secret-replacement quick-fix reads secrets from. */
  secretsManager: 'env' | 'aws' | 'vault' | 'azure' | 'gcp';
  /** Owner written by the add-owner quick-fix when CODEOWNERS names none. */
  owner: string;
  /**
   * Verify secrets with their own providers during a workspace audit (machine scope; never in
   * an untrusted workspace). Absent: `off`.
   */
  verify?: 'off' | 'ask' | 'on';
  /** The user's endpoints by provider id (`github`, `aws`…) for verification (machine scope). */
  verifyEndpoints?: Record<string, string>;
  /**
   * Diagnostics one file may put in the Problems panel (the most severe and first lines; one more
   * says how many were withheld). Absent: 500; never more than 10,000.
   */
  maxProblemsPerFile?: number;
}

export const DEFAULT_SETTINGS: NhiLensSettings = { enable: true, secretsManager: 'env', owner: '' };

/** GitHub access the client obtained from VS Code's GitHub sign-in, for this request only. */
export interface GitHubAccess {
  /** OAuth token; used for this request, never stored or logged by the server. */
  token: string;
  /** REST API root; GitHub Enterprise Server: https://HOST/api/v3. */
  baseUrl?: string;
  /** `owner/name`; default: the origin remote. */
  repository?: string;
}

/** `workDoneToken` and `partialResultToken` are the standard LSP ones (see AuditWorkspaceRequest). */
export interface AuditParams extends WorkDoneProgressParams, PartialResultParams {
  /** Merge the repository's open secret-scanning alerts into the audit. */
  github?: GitHubAccess;
  /**
   * With `nhiLens.verify: ask`: the user agreed, for this audit, to ask each secret's own
   * provider whether it is live. Ignored when the setting is `off` or the workspace untrusted.
   */
  verify?: boolean;
}

/** Counts of one audit run. */
export interface AuditSummary {
  /** Files scanned. */
  files: number;
  /** Bytes scanned. */
  bytes: number;
  /**
   * Findings found, baselined ones not counted: all of them, also those past the cap that are
   * counted only (then `listed` is smaller and a note says so).
   */
  findings: number;
  /** Findings in `AuditResult.findings`: at most the server's cap (the most severe), and the folder's `limits.maxFindings`. */
  listed: number;
  /**
   * Secret findings counted over every finding the audit kept, not only the `listed` ones (the
   * status bar counts these, not the list): confirmed live by their provider, and already in a
   * git commit (`committed` or `removed`). Findings past a folder's `limits.maxFindings` are
   * counted without their git state or verdict: then `complete` is false and both are lower bounds.
   */
  secrets: { live: number; committed: number; complete: boolean };
  /** Files or parts of files not scanned (`AuditResult.skipped` lists them up to the same cap as findings). */
  skipped: number;
  /** The audit was cancelled: the counts cover the files done until then. */
  cancelled: boolean;
  /** Wall time of the scan. */
  durationMs: number;
}

/**
 * Where a secret is in git: `uncommitted` can still be removed; `committed`/`removed` must be
 * rotated. For those, the commit it entered the history in and how exposed it is since; the
 * optional facts are absent when git could not tell. The same data rides in a diagnostic's
 * `data.git` (for a hover: "committed 412 days ago by Dev, pushed").
 */
export type FindingGitState =
  | { state: 'uncommitted' }
  | {
      state: 'committed' | 'removed';
      /** Full id of the first commit that contained the secret. */
      commit: string;
      /** Its committer date, ISO 8601. */
      date: string;
      /** Its author's name. */
      author?: string;
      /** On a remote-tracking branch: the secret has left the machine. */
      pushed?: boolean;
      /** Commits HEAD has on top of it (committed only). */
      commitsSince?: number;
    };

/**
 * One finding, as the client sees it. Never carries the secret value. The server may send more
 * fields than declared here (the engine's quick-fix data); clients must not rely on them:
 * quick-fixes come through code actions.
 */
export interface AuditFinding {
  /** Rule id, e.g. `aws-access-key-id`; also the diagnostic code. */
  ruleId: string;
  /** The rule's title. */
  title: string;
  /** What kind of NHI problem it is. */
  category: 'secret' | 'permission' | 'ownership' | 'credential-lifetime';
  /** How loudly to report it. */
  severity: 'error' | 'warning' | 'info';
  /** The message shown for the finding. */
  message: string;
  /** File path relative to the workspace folder, `/`-separated. */
  path: string;
  /**
   * The file's URI: `path` resolved against the workspace folder it belongs to. Use it to open
   * the file: in a multi-root workspace the same `path` can exist in several folders.
   */
  uri: string;
  /** LSP range of the offending value (the secret, not the line). */
  range: Range;
  /** UTF-16 offsets of `range` in the file's text. */
  offsets: { start: number; end: number };
  /** The value with most of it hidden, e.g. `AKIA…7Q2M`. */
  masked: string;
  /** Stable id across edits and moves (the baseline key); reveals nothing. */
  fingerprint: string;
  /** What to do about it. */
  remediation: string;
  /** Link to the rule's documentation. */
  docs: string;
  /** Matched the baseline (audit results leave these out). */
  baselined?: boolean;
  /** Secrets in a git repository: whether the value is already in a commit. */
  git?: FindingGitState;
  /** GitHub secret scanning already has an open alert for this secret. */
  github?: { alert: number; url: string };
  /** What the secret's own provider answered, when the audit verified it. */
  verification?: FindingVerification;
}

/**
 * A provider's verdict: `live` (works; `identity` says whose, e.g. `@octocat`), `invalid`,
 * `unknown` (no verdict: timeout, rate limit, error; `detail` says which).
 */
export interface FindingVerification {
  state: 'live' | 'invalid' | 'unknown';
  identity?: string;
  /** The provider asked, e.g. `GitHub`. */
  provider: string;
  detail?: string;
  /** ISO 8601 time of the provider's answer. */
  checkedAt: string;
}

/** A file, or part of one, the audit did not scan, and why. */
export interface SkippedNote {
  /** File path relative to the workspace folder. */
  path: string;
  /** The file's URI (see `AuditFinding.uri`). */
  uri: string;
  /** Why, for people: too large, binary, a syntax error… */
  reason: string;
  /** 0-based line where the skipped part starts, when only part of the file was skipped. */
  line?: number;
}

/** One non-human identity or credential of the workspace's NHI inventory. */
export interface InventoryItem {
  /** Stable across runs: derived from path, kind and name (unique within its folder: `uri` tells folders apart). */
  id: string;
  /** Kind id, e.g. `iam-role`, `service-account`, `secret` (open set: new kinds may appear). */
  kind: string;
  /** The kind for people, e.g. `IAM role`: shown as is, so clients need no label table. */
  kindLabel: string;
  /** Address or name as written: `aws_iam_role.deploy`, `ServiceAccount/prod/api`. */
  name: string;
  /** Platform, e.g. `aws`, `gcp`, `kubernetes`, `github`. */
  provider: string;
  /** File path relative to the workspace folder. */
  path: string;
  /** The file's URI (see `AuditFinding.uri`). */
  uri: string;
  /** LSP range of the declaration. */
  range: Range;
  /** Who answers for it; null: nobody found. */
  owner: string | null;
  /** Where the owner came from: a tag on the identity, CODEOWNERS, or nowhere. */
  ownerSource: 'tag' | 'codeowners' | 'none';
  /** How much it may do: `admin` anything; `unknown` when the code does not say. */
  breadth: 'admin' | 'wide' | 'scoped' | 'unknown';
  /** How it authenticates: long-lived keys, short-lived tokens, a secrets-manager pointer, or none declared. */
  credential: 'static' | 'federated' | 'reference' | 'none';
  /** Fingerprints of the findings about it (see `AuditFinding.fingerprint`). */
  findings: string[];
  /** The most exposed git state of its secrets (pushed and oldest first), when the audit read git. */
  git?: FindingGitState;
  /** That state for people: `committed 412 days ago, pushed`, `not committed`. */
  exposure?: string;
}

/** A workspace folder an audit covered. */
export interface AuditedFolder {
  /** The folder's URI, as the client sent it. */
  uri: string;
  /**
   * Unique among the folders (the client's folder name, numbered when two share one). When an
   * audit covers several folders, the Markdown and HTML reports write each path as `name/path`.
   */
  name: string;
}

/** What `nhiLens/auditWorkspace` returns. */
export interface AuditResult {
  summary: AuditSummary;
  /**
   * The workspace folders the audit covered, in the client's order (one that could not be audited
   * says why in `notes`). The other fields merge all of them; each path stays relative to its own
   * folder and `uri` says which.
   */
  folders: AuditedFolder[];
  /**
   * The findings not in the baseline, up to a cap (the server's, 5,000, and each folder's
   * `limits.maxFindings`): the most severe. `summary.findings` counts them all.
   */
  findings: AuditFinding[];
  /** What was not scanned, and why. */
  skipped: SkippedNote[];
  /**
   * The NHI inventory of the workspace, up to the server's cap (5,000): the riskiest (admin, then
   * wide permissions; static credentials; no owner), in file order. `inventoryCounts` counts all.
   */
  inventory: InventoryItem[];
  /** Identities in all, listed in `inventory`, and without an owner (of all). Absent from older servers: `inventory` is all. */
  inventoryCounts?: { total: number; listed: number; unowned: number };
  /** Things the user should know: git unavailable, a GitHub failure (the audit itself stands). */
  notes: string[];
}

/**
 * Audits every file of every workspace folder, one folder after the other, each with its own
 * `.nhi-lens.yaml` and baseline; a file in nested folders is audited once, by the innermost
 * folder. Reads, of `AuditParams`:
 * - `workDoneToken`: progress (begin, percent with the current file, end) goes there; without
 *   one, the server creates the progress itself when the client supports `window.workDoneProgress`;
 * - `partialResultToken`: each scanned file's findings (baselined ones left out) go there as
 *   `AuditFinding[]` batches while the audit runs, up to the same cap as the response's findings
 *   (in the order files finish); the response carries the most severe up to the cap, with the
 *   git and GitHub annotations the batches lack;
 * - `github`: merges the repository's open secret-scanning alerts into the findings.
 * Cancelling the request (or the server-created progress) stops the audit (folders not reached
 * are not audited); the result then says `summary.cancelled`.
 */
export namespace AuditWorkspaceRequest {
  export const method = 'nhiLens/auditWorkspace';
  export const type = new RequestType<AuditParams, AuditResult, void>(method);
  export const partialResult = new ProgressType<AuditFinding[]>();
}

/**
 * The reports the last audit produced, rendered: Markdown for people, SARIF for tools, HTML for a
 * webview. An audit of several folders gives one Markdown/HTML report whose paths start with the
 * folder's name (`AuditedFolder.name`), and one SARIF log with a run per folder (each run's paths
 * relative to its folder, its `automationDetails.id` naming the folder).
 */
export interface ReportParams {
  /** Which rendering of the last audit. */
  format: 'markdown' | 'sarif' | 'html';
  /** HTML shown in a webview: its CSP source. */
  cspSource?: string;
}
/** Returns null before any audit. */
export namespace AuditReportRequest {
  export const method = 'nhiLens/auditReport';
  export const type = new RequestType<ReportParams, { content: string } | null, void>(method);
}

/**
 * Uploads the last audit's SARIF to GitHub code scanning for the checked-out commit: one upload
 * per folder (its repository, its commit), each with its own category when there are several.
 */
export namespace UploadSarifRequest {
  export const method = 'nhiLens/uploadSarif';
  export const type = new RequestType<GitHubAccess, { message: string }, void>(method);
}

/** Server-side commands the code actions and the client run. */
export const Commands = {
  /**
   * Args: [uri, range of the secret, manager (a `secretsManager` value), key name or null]:
   * returns the shell command that stores the secret in the manager (for the clipboard only).
   */
  storeCommand: 'nhiLens.server.storeSecretCommand',
  /** Args: [uri, fingerprint, ruleId]: adds the finding to the baseline file through an edit. */
  addToBaseline: 'nhiLens.server.addToBaseline',
} as const;

/**
 * What the client tells the server at `initialize` (`initializationOptions`). The editor-only
 * features need the VS Code client's commands: other clients (Neovim…) get plain hovers and no
 * actions that would run a command they do not have.
 */
export interface InitializationOptions {
  /** The workspace is trusted: its own rules run and external programs may be started. */
  trusted?: boolean;
  /** The client has the `nhiLens.showRuleDetails` and `nhiLens.storeAndReplace` commands. */
  editorCommands?: boolean;
}

/** The client commands the server's hovers and code actions name (see `InitializationOptions.editorCommands`). */
export const ClientCommands = {
  /** Args: [ruleId, uri?]: opens the rule's details page (`nhi-lens-rule:` document). */
  showRuleDetails: 'nhiLens.showRuleDetails',
  /** Args: [uri, diagnostic]: asks for confirmation, then `StoreSecretRequest`. */
  storeAndReplace: 'nhiLens.storeAndReplace',
} as const;

/** The URI scheme of rule-details pages: `nhi-lens-rule:<rule-id>.md`. */
export const RULE_DETAILS_SCHEME = 'nhi-lens-rule';

/** One rule's documentation page, rendered as Markdown from the bundled rules (works offline). */
export interface RuleDetailsParams {
  ruleId: string;
  /** A file of the workspace: its folder's rules (a workspace's own rules, its severity overrides). */
  uri?: string;
}
export namespace RuleDetailsRequest {
  export const method = 'nhiLens/ruleDetails';
  export const type = new RequestType<RuleDetailsParams, { markdown: string } | null, void>(method);
}
/** Every rule, for a picker. */
export namespace RuleListRequest {
  export const method = 'nhiLens/rules';
  export const type = new RequestType<{ uri?: string }, Array<{ id: string; title: string; category: string }>, void>(method);
}

/** A finding to store in the secrets manager: the diagnostic the code action was made for. */
export interface StoreSecretParams {
  uri: string;
  /** The diagnostic as the server published it (its range and data). */
  diagnostic: { range: Range; data?: unknown; code?: string | number };
  /** Azure Key Vault only: the vault's name when the server does not know it. */
  azureVault?: string;
}

/** What storing would run, for the confirmation; `refusal` says why it cannot (nothing runs then). */
export interface StoreSecretPlan {
  manager: string;
  /** `AWS Secrets Manager`… */
  managerLabel: string;
  /** The name the secret is stored under and the rewrite reads. */
  name: string;
  /** The command line, for people (it never holds the value: that goes on standard input). */
  command: string;
  refusal?: string;
  /** What happens, for the confirmation, when it is not a command line (the `env` manager writes `.env`). */
  detail?: string;
  /** Azure: the vault name is needed (set AZURE_KEY_VAULT_URL or answer the prompt). */
  needsAzureVault?: boolean;
}
export namespace StoreSecretPlanRequest {
  export const method = 'nhiLens/storeSecretPlan';
  export const type = new RequestType<StoreSecretParams, StoreSecretPlan, void>(method);
}
/** Stores the value with the manager's CLI, then applies the rewrite through `workspace/applyEdit`. */
export namespace StoreSecretRequest {
  export const method = 'nhiLens/storeSecret';
  export const type = new RequestType<StoreSecretParams, { ok: boolean; message: string }, void>(method);
}
