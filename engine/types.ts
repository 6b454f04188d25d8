/** Public types shared by the engine, the CLI, the language server and the tests. */
import type { CheckId } from './iac/checkRegistry';
import type { OwnerFormat } from './iac/iacIssue';
import type { IdentityRecord } from './inventory/identity';

/** What kind of NHI problem a finding is about. */
export type Category = 'secret' | 'permission' | 'ownership' | 'credential-lifetime';

/** How loudly a finding is reported; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'info';

/** A 0-based position in UTF-16 code units, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

/** A 0-based, end-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

/** The file kinds the engine knows; they drive quick-fix idioms and value heuristics. */
export type FileKind =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'kotlin'
  | 'php'
  | 'ruby'
  | 'rust'
  | 'shell'
  | 'powershell'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'ini'
  | 'properties'
  | 'dotenv'
  | 'xml'
  | 'makefile'
  | 'dockerfile'
  | 'terraform'
  | 'bicep'
  | 'markdown'
  | 'text';

/** One file handed to the engine. `path` is used for file kind, path rules and reports. */
export interface ScanDocument {
  path: string;
  text: string;
}

/** What a quick-fix needs to rewrite the finding in the idiom of the file. */
export interface FixData {
  fileKind: FileKind;
  /** Variable, key or element name the value is assigned to, when there is one. */
  keyName?: string;
  /** Quote character around the value in the source (`"`, `'`, `` ` ``), if any. */
  quote?: string;
  /** IaC findings: the resource, narrower candidates for a wildcard, a ready edit for the obvious fix. */
  iac?: IacFixData;
}

/** What an IaC quick-fix needs. `{{owner}}` in an edit stands for the owner to fill in. */
export interface IacFixData {
  /** The structural check that fired (rules may rename it, the check id stays). */
  check: CheckId;
  resource: string;
  narrower?: string[];
  fix?: { title: string; edits: Array<{ range: Range; newText: string }>; ownerFormat?: OwnerFormat };
}

/** Another place in the same file that belongs to a finding. */
export interface RelatedLocation {
  range: Range;
  offsets: { start: number; end: number };
  message: string;
}

/** One problem found in one file. Never carries the secret value itself. */
export interface Finding {
  ruleId: string;
  title: string;
  category: Category;
  severity: Severity;
  message: string;
  path: string;
  /** Range of the offending value itself (the secret, not the line). */
  range: Range;
  /** UTF-16 offsets of `range` in the scanned text. */
  offsets: { start: number; end: number };
  /** The value with most of it hidden, e.g. `AKIA…7Q2M`. */
  masked: string;
  /** sha256 of rule id + value, truncated: stable across edits and moves, reveals nothing. */
  fingerprint: string;
  remediation: string;
  docs: string;
  fix: FixData;
  /**
   * IaC: the other offending elements of the same policy statement, RBAC rule or binding (each
   * `"*"`, each risky action), reported with this one finding rather than one finding each.
   */
  related?: RelatedLocation[];
  /** Set when the finding matched the baseline; reporters hide these by default. */
  baselined?: boolean;
  /** Secrets in a git repository: only in the working tree, or already in a commit (rotate it). */
  git?: GitState;
  /** Set when GitHub secret scanning already has an open alert for this secret. */
  github?: { alert: number; url: string };
  /**
   * What the credential's own provider answered when asked (opt-in: `audit --verify`, the
   * `nhiLens.verify` setting). Never set by the engine: the audit adds it after the scan.
   */
  verification?: Verification;
}

/**
 * A provider's verdict on a credential: `live` (it works; `identity` says whose it is, e.g.
 * `arn:aws:iam::123456789012:user/ci` or `@octocat`, when the provider tells), `invalid`
 * (revoked, expired or never valid), `unknown` (no verdict: timeout, rate limit, network or
 * provider error; `detail` says which).
 */
export interface Verification {
  state: 'live' | 'invalid' | 'unknown';
  /** Who the provider says the credential belongs to (live only, when it says). */
  identity?: string;
  /** The provider asked, for people: `AWS`, `GitHub`. */
  provider: string;
  /** Why there is no verdict (unknown only). */
  detail?: string;
  /** When the provider answered (ISO 8601); a cached verdict keeps its first answer's time. */
  checkedAt: string;
}

/**
 * Where a secret is in git: `uncommitted` can still be removed; `committed` must be rotated;
 * `removed` is gone from the files but still in history (found by `audit --history`): rotate it.
 */
export type GitState =
  /** `ignored`: git ignores the file (a local `.env`), so the secret is not on its way into a commit. */
  { state: 'uncommitted'; ignored?: boolean } | ({ state: 'committed' | 'removed' } & SecretCommit);

/**
 * The commit a secret entered the history in, and how exposed it has been since. The optional
 * facts are absent when git could not tell (or, for `commitsSince`, when the commit is not an
 * ancestor of HEAD).
 */
export interface SecretCommit {
  /** Full id of the first commit that contained the secret. */
  commit: string;
  /** That commit's committer date (ISO 8601): when the secret entered the history. */
  date: string;
  /** That commit's author name. */
  author?: string;
  /** The commit is reachable from a remote-tracking branch: the secret has left this machine. */
  pushed?: boolean;
  /** Commits made on top of it up to HEAD (`git rev-list --count --ancestry-path <commit>..HEAD`). */
  commitsSince?: number;
}

/** Why a file or part of it was not scanned. */
export interface SkipNote {
  path: string;
  reason: string;
  line?: number;
}

/** The result of scanning one document. */
export interface ScanResult {
  findings: Finding[];
  /** Findings silenced by `nhi-lens:ignore` comments. */
  suppressed: number;
  skipped: SkipNote[];
  /** Identities the file declares: only when the scan was asked for the inventory. */
  identities?: IdentityRecord[];
  /**
   * The folders whose files the result also depends on (the siblings and local modules the IaC
   * analysis read), as the scanned path's folder is written ('' for the root); absent when none.
   */
  reads?: string[];
}
