/** The NHI inventory model: every identity and credential the code declares or contains. */
import type { GitState, Range } from '../types';

export type IdentityKind =
  | 'iam-role'
  | 'iam-user'
  | 'access-key'
  | 'service-account'
  | 'service-account-key'
  | 'service-account-token'
  | 'managed-identity'
  | 'service-principal'
  | 'client-secret'
  | 'workflow-token'
  | 'cloud-login'
  | 'secret'
  | 'secret-store'
  | 'secret-reference'
  | 'agent-server';

/** How much the identity may do: `admin` can do (or become) anything; `unknown` when the code does not say. */
export type Breadth = 'admin' | 'wide' | 'scoped' | 'unknown';

/**
 * How the identity authenticates: `static` long-lived keys and passwords; `federated` short-lived
 * tokens issued on demand (assumed roles, OIDC, managed identities); `reference` a pointer to a
 * secrets manager; `none` when the code declares no credential for it.
 */
export type CredentialType = 'static' | 'federated' | 'reference' | 'none';

export type OwnerSource = 'tag' | 'codeowners' | 'none';

/** What an extractor reports for one file, in offsets; the inventory links it to findings. */
export interface IdentityDraft {
  kind: IdentityKind;
  /** Address or name as written: `aws_iam_role.deploy`, `ServiceAccount/prod/api`, `MCP server github`. */
  name: string;
  provider: string;
  start: number;
  end: number;
  /** The owner written on the identity itself (a tag or label with a literal value). */
  owner?: string;
  credential: CredentialType;
  /**
   * Resources whose IaC findings belong to this identity (itself, its inline and attached
   * policies, its bindings), as written in findings' `fix.iac.resource`.
   */
  links: string[];
  /** True when the code declares what the identity may do (a policy, a binding, a permissions block). */
  permissionsDeclared: boolean;
}

/** A draft located in its file: what `Engine.scan` returns when asked for the inventory. */
export interface IdentityRecord extends Omit<IdentityDraft, 'start' | 'end'> {
  path: string;
  range: Range;
  offsets: { start: number; end: number };
}

/** One row of the inventory. */
export interface Identity {
  /** Stable across runs: derived from path, kind and name. */
  id: string;
  kind: IdentityKind;
  name: string;
  provider: string;
  path: string;
  range: Range;
  owner: string | null;
  ownerSource: OwnerSource;
  breadth: Breadth;
  credential: CredentialType;
  /** Fingerprints of the findings about this identity. */
  findings: string[];
  /**
   * The most exposed git state among its secrets (pushed and oldest first), when the audit
   * checked git: "committed 412 days ago, pushed".
   */
  git?: GitState;
}

export const IDENTITY_KIND_LABEL: Record<IdentityKind, string> = {
  'iam-role': 'IAM role',
  'iam-user': 'IAM user',
  'access-key': 'Access key',
  'service-account': 'Service account',
  'service-account-key': 'Service account key',
  'service-account-token': 'Service account token',
  'managed-identity': 'Managed identity',
  'service-principal': 'Service principal',
  'client-secret': 'Client secret',
  'workflow-token': 'Workflow token',
  'cloud-login': 'CI cloud login',
  secret: 'Secret in a file',
  'secret-store': 'Secrets-manager secret',
  'secret-reference': 'Secrets-manager reference',
  'agent-server': 'MCP / agent server',
};
